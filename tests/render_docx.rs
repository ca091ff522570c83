//! The DOCX renderer on the hand-written kế hoạch fixture, Party and State profiles.
use vanban::ir::Document;
use vanban::profile::Profile;

fn fixture() -> Document {
    serde_json::from_str(include_str!("fixtures/ke-hoach.ir.json")).unwrap()
}

fn state() -> Profile {
    Profile::builtin("nha-nuoc").unwrap()
}

/// Writes the fixture DOCX files to the temp directory (vanban-ke-hoach-dang.docx,
/// vanban-ke-hoach-nha-nuoc.docx) so they can be checked by hand with openxml-audit or LibreOffice.
#[test]
fn writes_fixture_docx_to_temp_dir() {
    for (name, profile) in [("dang", Profile::dang()), ("nha-nuoc", state())] {
        let bytes = vanban::render::docx::render(&fixture(), &profile).unwrap();
        let path = std::env::temp_dir().join(format!("vanban-ke-hoach-{name}.docx"));
        std::fs::write(&path, bytes).unwrap();
    }
}

/// A longer document (the fixture's body four times and a long table) to see page 2: the page number
/// and the repeated table header row. Written as vanban-ke-hoach-dai-{dang,nha-nuoc}.docx.
#[test]
fn writes_long_docx_to_temp_dir() {
    let mut doc = fixture();
    let body = doc.blocks.clone();
    for _ in 0..3 {
        doc.blocks.extend(body.iter().cloned());
    }
    if let Some(vanban::ir::Block::Table(t)) =
        body.iter().find(|b| matches!(b, vanban::ir::Block::Table(_)))
    {
        let mut long = t.clone();
        for i in 0..40 {
            let mut row = t.rows[0].clone();
            row[0] = vec![vanban::ir::Inline::plain((i + 3).to_string())];
            long.rows.push(row);
        }
        doc.blocks.push(vanban::ir::Block::Table(long));
    }
    for (name, profile) in [("dang", Profile::dang()), ("nha-nuoc", state())] {
        let bytes = vanban::render::docx::render(&doc, &profile).unwrap();
        let path = std::env::temp_dir().join(format!("vanban-ke-hoach-dai-{name}.docx"));
        std::fs::write(&path, bytes).unwrap();
    }
}
