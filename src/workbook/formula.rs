//! Formulas whose result the file does not hold. A workbook written by a script (openpyxl) or saved
//! without recalculation stores `=SUM(E2:H2)` with no cached value, and a spreadsheet reader then sees
//! an empty cell. The simple cases are computed here from the cells they name — `SUM`, `AVERAGE`, `+`
//! and `-` over numbers, cells and ranges of the same sheet, in parentheses as deep as written — so the
//! score is read as Excel would show it; any other formula is listed for a warning, never read as
//! empty in silence.

use super::cell_ref;
use calamine::Data;
use std::collections::{HashMap, HashSet};

/// A formula cell without a value: 0-based (row, column) and the formula's text (without "=").
pub(super) type Pending = ((usize, usize), String);

/// Computes what it can of `pending` into `rows` (as numbers), and returns the cells it could not
/// compute, as (A1 reference, formula).
pub(super) fn compute(rows: &mut Vec<Vec<Data>>, pending: Vec<Pending>) -> Vec<(String, String)> {
    let formulas: HashMap<(usize, usize), String> = pending.into_iter().collect();
    let mut eval = Eval {
        rows,
        formulas: &formulas,
        done: HashMap::new(),
        visiting: HashSet::new(),
    };
    let mut cells: Vec<&(usize, usize)> = formulas.keys().collect();
    cells.sort_unstable();
    let results: Vec<((usize, usize), Option<f64>)> =
        cells.iter().map(|&&at| (at, eval.cell_formula(at))).collect();
    let mut uncomputed = Vec::new();
    for (at, value) in results {
        match value {
            Some(v) => {
                let (r, c) = at;
                if rows.len() <= r {
                    rows.resize_with(r + 1, Vec::new);
                }
                if rows[r].len() <= c {
                    rows[r].resize(c + 1, Data::Empty);
                }
                rows[r][c] = Data::Float(v);
            }
            None => uncomputed.push((cell_ref(at.0, at.1), formulas[&at].clone())),
        }
    }
    uncomputed
}

struct Eval<'a> {
    rows: &'a [Vec<Data>],
    formulas: &'a HashMap<(usize, usize), String>,
    /// Formula cells already computed (`None`: not computable).
    done: HashMap<(usize, usize), Option<f64>>,
    /// Formula cells being computed (a reference back to one is a cycle).
    visiting: HashSet<(usize, usize)>,
}

/// A cell's value as a formula sees it.
enum CellValue {
    Number(f64),
    Empty,
    /// Text, a boolean, an error: not a number.
    Other,
}

impl Eval<'_> {
    fn cell_formula(&mut self, at: (usize, usize)) -> Option<f64> {
        if let Some(v) = self.done.get(&at) {
            return *v;
        }
        if !self.visiting.insert(at) {
            return None;
        }
        let value = self
            .formulas
            .get(&at)
            .and_then(|f| parse(f))
            .and_then(|e| self.expr(&e));
        self.visiting.remove(&at);
        self.done.insert(at, value);
        value
    }

    /// The value of a cell; a formula cell without a cached value is computed (`None`: it cannot be).
    fn cell(&mut self, at: (usize, usize)) -> Option<CellValue> {
        if self.formulas.contains_key(&at) {
            return self.cell_formula(at).map(CellValue::Number);
        }
        let d = self.rows.get(at.0).and_then(|r| r.get(at.1));
        Some(match d {
            None | Some(Data::Empty) => CellValue::Empty,
            Some(Data::Float(f)) => CellValue::Number(*f),
            Some(Data::Int(i)) => CellValue::Number(*i as f64),
            Some(Data::String(s)) if s.trim().is_empty() => CellValue::Empty,
            Some(_) => CellValue::Other,
        })
    }

    fn expr(&mut self, e: &Expr) -> Option<f64> {
        Some(match e {
            Expr::Number(n) => *n,
            Expr::Cell(at) => match self.cell(*at)? {
                CellValue::Number(n) => n,
                CellValue::Empty => 0.0,
                // Excel's "+" on text is an error or a locale-dependent conversion: not computed here.
                CellValue::Other => return None,
            },
            Expr::Neg(inner) => -self.expr(inner)?,
            Expr::Add(a, b) => self.expr(a)? + self.expr(b)?,
            Expr::Sub(a, b) => self.expr(a)? - self.expr(b)?,
            Expr::Call(f, args) => {
                let mut numbers = Vec::new();
                for arg in args {
                    match arg {
                        // In a range, SUM and AVERAGE skip empty cells and text.
                        Arg::Range(a, b) => {
                            for r in a.0.min(b.0)..=a.0.max(b.0) {
                                for c in a.1.min(b.1)..=a.1.max(b.1) {
                                    if let CellValue::Number(n) = self.cell((r, c))? {
                                        numbers.push(n);
                                    }
                                }
                            }
                        }
                        Arg::Expr(Expr::Cell(at)) => {
                            if let CellValue::Number(n) = self.cell(*at)? {
                                numbers.push(n);
                            }
                        }
                        Arg::Expr(e) => numbers.push(self.expr(e)?),
                    }
                }
                match f {
                    Func::Sum => numbers.iter().sum(),
                    // AVERAGE of no number is #DIV/0!.
                    Func::Average if numbers.is_empty() => return None,
                    Func::Average => numbers.iter().sum::<f64>() / numbers.len() as f64,
                }
            }
        })
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Func {
    Sum,
    Average,
}

#[derive(Debug, Clone, PartialEq)]
enum Arg {
    Range((usize, usize), (usize, usize)),
    Expr(Expr),
}

#[derive(Debug, Clone, PartialEq)]
enum Expr {
    Number(f64),
    Cell((usize, usize)),
    Neg(Box<Expr>),
    Add(Box<Expr>, Box<Expr>),
    Sub(Box<Expr>, Box<Expr>),
    Call(Func, Vec<Arg>),
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Number(f64),
    Cell((usize, usize)),
    Name(String),
    Plus,
    Minus,
    Open,
    Close,
    Comma,
    Colon,
}

/// The formula as an expression, or `None` for anything beyond the simple cases (another function, a
/// reference to another sheet or a name, `*`, `/`, a comparison, text …).
fn parse(formula: &str) -> Option<Expr> {
    let tokens = tokens(formula)?;
    let mut p = Parser { tokens, at: 0 };
    let e = p.expr(0)?;
    (p.at == p.tokens.len()).then_some(e)
}

fn tokens(s: &str) -> Option<Vec<Token>> {
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            ' ' | '\t' | '\n' | '\r' => i += 1,
            '+' => {
                out.push(Token::Plus);
                i += 1;
            }
            '-' => {
                out.push(Token::Minus);
                i += 1;
            }
            '(' => {
                out.push(Token::Open);
                i += 1;
            }
            ')' => {
                out.push(Token::Close);
                i += 1;
            }
            // "," in files; ";" as some locales type it.
            ',' | ';' => {
                out.push(Token::Comma);
                i += 1;
            }
            ':' => {
                out.push(Token::Colon);
                i += 1;
            }
            '0'..='9' | '.' => {
                let start = i;
                while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
                    i += 1;
                }
                let text: String = chars[start..i].iter().collect();
                out.push(Token::Number(text.parse().ok()?));
            }
            '$' | 'A'..='Z' | 'a'..='z' | '_' => {
                let start = i;
                while i < chars.len()
                    && (chars[i].is_ascii_alphanumeric() || chars[i] == '$' || chars[i] == '_')
                {
                    i += 1;
                }
                // A sheet name ("Sheet1!A1") or anything else that follows a word is not simple.
                if i < chars.len() && matches!(chars[i], '!' | '.' | '\'') {
                    return None;
                }
                let word: String = chars[start..i].iter().collect();
                match cell_of(&word) {
                    Some(at) => out.push(Token::Cell(at)),
                    None if !word.contains('$') => out.push(Token::Name(word.to_ascii_uppercase())),
                    None => return None,
                }
            }
            _ => return None,
        }
    }
    Some(out)
}

/// "E2", "$E$2" → (1, 4).
fn cell_of(word: &str) -> Option<(usize, usize)> {
    let w = word.replace('$', "");
    let letters: String = w.chars().take_while(|c| c.is_ascii_alphabetic()).collect();
    let digits = &w[letters.len()..];
    if letters.is_empty()
        || letters.len() > 3
        || digits.is_empty()
        || !digits.chars().all(|c| c.is_ascii_digit())
    {
        return None;
    }
    let row: usize = digits.parse().ok()?;
    if row == 0 {
        return None;
    }
    let col = letters
        .chars()
        .fold(0usize, |acc, c| acc * 26 + (c.to_ascii_uppercase() as usize - 'A' as usize + 1));
    Some((row - 1, col - 1))
}

struct Parser {
    tokens: Vec<Token>,
    at: usize,
}

/// How deep parentheses and signs may nest.
const MAX_DEPTH: usize = 64;

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.at)
    }

    fn next(&mut self) -> Option<Token> {
        let t = self.tokens.get(self.at).cloned();
        self.at += 1;
        t
    }

    fn expr(&mut self, depth: usize) -> Option<Expr> {
        let mut left = self.term(depth)?;
        loop {
            match self.peek() {
                Some(Token::Plus) => {
                    self.at += 1;
                    left = Expr::Add(Box::new(left), Box::new(self.term(depth)?));
                }
                Some(Token::Minus) => {
                    self.at += 1;
                    left = Expr::Sub(Box::new(left), Box::new(self.term(depth)?));
                }
                _ => return Some(left),
            }
        }
    }

    fn term(&mut self, depth: usize) -> Option<Expr> {
        if depth > MAX_DEPTH {
            return None;
        }
        match self.next()? {
            Token::Number(n) => Some(Expr::Number(n)),
            Token::Cell(at) => Some(Expr::Cell(at)),
            Token::Plus => self.term(depth + 1),
            Token::Minus => Some(Expr::Neg(Box::new(self.term(depth + 1)?))),
            Token::Open => {
                let e = self.expr(depth + 1)?;
                (self.next()? == Token::Close).then_some(e)
            }
            Token::Name(name) => {
                let f = match name.as_str() {
                    "SUM" => Func::Sum,
                    "AVERAGE" => Func::Average,
                    _ => return None,
                };
                if self.next()? != Token::Open {
                    return None;
                }
                let mut args = Vec::new();
                if self.peek() == Some(&Token::Close) {
                    self.at += 1;
                    return Some(Expr::Call(f, args));
                }
                loop {
                    args.push(self.arg(depth + 1)?);
                    match self.next()? {
                        Token::Comma => {}
                        Token::Close => return Some(Expr::Call(f, args)),
                        _ => return None,
                    }
                }
            }
            _ => None,
        }
    }

    fn arg(&mut self, depth: usize) -> Option<Arg> {
        if let (Some(Token::Cell(a)), Some(Token::Colon), Some(Token::Cell(b))) = (
            self.tokens.get(self.at).cloned(),
            self.tokens.get(self.at + 1).cloned(),
            self.tokens.get(self.at + 2).cloned(),
        ) {
            self.at += 3;
            return Some(Arg::Range(a, b));
        }
        self.expr(depth).map(Arg::Expr)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid() -> Vec<Vec<Data>> {
        // Row 2: E2..H2 = 24, 24, 23, 23; row 3: E3 text, F3 empty, G3 = 5.
        vec![
            vec![],
            vec![
                Data::Empty,
                Data::Empty,
                Data::Empty,
                Data::Empty,
                Data::Float(24.0),
                Data::Float(24.0),
                Data::Int(23),
                Data::Float(23.0),
            ],
            vec![
                Data::Empty,
                Data::Empty,
                Data::Empty,
                Data::Empty,
                Data::String("x".into()),
                Data::Empty,
                Data::Float(5.0),
            ],
        ]
    }

    fn value(rows: &[Vec<Data>], r: usize, c: usize) -> Option<f64> {
        match rows.get(r).and_then(|row| row.get(c)) {
            Some(Data::Float(f)) => Some(*f),
            _ => None,
        }
    }

    #[test]
    fn simple_formulas_are_computed_from_their_cells() {
        let mut rows = grid();
        let pending = vec![
            ((1, 8), "SUM(E2:H2)".to_owned()),
            ((1, 9), "E2+F2+G2+H2-I2+(2-1)".to_owned()),
            ((1, 10), "AVERAGE($E$2:H2)".to_owned()),
            ((2, 8), "sum(E3:G3, 10; -2)".to_owned()),
            ((2, 9), "SUM(I2, J2)".to_owned()),
            ((2, 10), "-G3+  SUM()".to_owned()),
        ];
        let left = compute(&mut rows, pending);
        assert!(left.is_empty(), "{left:?}");
        assert_eq!(value(&rows, 1, 8), Some(94.0));
        // I2 is itself a formula: computed first.
        assert_eq!(value(&rows, 1, 9), Some(1.0));
        assert_eq!(value(&rows, 1, 10), Some(23.5));
        // A range skips text and empty cells; arguments add.
        assert_eq!(value(&rows, 2, 8), Some(13.0));
        assert_eq!(value(&rows, 2, 9), Some(95.0));
        assert_eq!(value(&rows, 2, 10), Some(-5.0));
    }

    #[test]
    fn other_formulas_are_left_for_a_warning() {
        let mut rows = grid();
        let pending = vec![
            ((3, 0), "IF(E2>90,1,0)".to_owned()),
            ((3, 1), "E2*2".to_owned()),
            ((3, 2), "'Chi bộ'!E2+1".to_owned()),
            ((3, 3), "Sheet2!E2".to_owned()),
            ((3, 4), "E3+1".to_owned()),
            ((3, 5), "A5+1".to_owned()),
            ((4, 0), "F4+1".to_owned()),
            ((3, 6), "AVERAGE(A10:B11)".to_owned()),
            ((3, 7), "VLOOKUP(A1,B1:C2,2)".to_owned()),
            ((3, 8), "SUM(E2:H2".to_owned()),
        ];
        let left = compute(&mut rows, pending);
        let cells: Vec<&str> = left.iter().map(|(c, _)| c.as_str()).collect();
        // F4 and A5 refer to each other: a cycle.
        assert_eq!(
            cells,
            vec!["A4", "B4", "C4", "D4", "E4", "F4", "G4", "H4", "I4", "A5"]
        );
        assert_eq!(left[1].1, "E2*2");
    }
}
