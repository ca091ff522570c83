//! The text invariant of the IR: every string in a [`Document`] is NFC and holds no control character
//! but tab and newline and no invisible format character. Established once where documents are built
//! ([`Document::clean`], applied by the template stage); writers only escape for their syntax. The rule
//! for one string is `crate::text::clean`, which the workbook reader applies to cell text too.

use super::{Addressees, Appendix, Block, Document, Header, Inline, NoiNhan, Signature, Title};
use crate::text::clean;
use std::borrow::Cow;

fn clean_in_place(s: &mut String) {
    if let Cow::Owned(c) = clean(s) {
        *s = c;
    }
}

fn clean_opt(s: &mut Option<String>) {
    if let Some(s) = s {
        clean_in_place(s);
    }
}

fn clean_inlines(inlines: &mut [Inline]) {
    for i in inlines {
        match i {
            Inline::Text { text, .. } => clean_in_place(text),
            Inline::LineBreak | Inline::Fill | Inline::CheckBox { .. } | Inline::Picture { .. } => {
            }
        }
    }
}

fn clean_blocks(blocks: &mut [Block]) {
    for b in blocks {
        match b {
            Block::Heading { content, .. }
            | Block::Paragraph { content, .. }
            | Block::Note { content }
            | Block::Article { content } => clean_inlines(content),
            Block::List { items } => items.iter_mut().for_each(|i| clean_inlines(&mut i.content)),
            Block::Table(t) => {
                t.header.iter_mut().for_each(|c| clean_inlines(c));
                t.rows.iter_mut().flatten().for_each(|c| clean_inlines(c));
            }
            Block::PageBreak => {}
            Block::Signing(s) => {
                s.left
                    .iter_mut()
                    .chain(s.right.iter_mut())
                    .for_each(clean_signature);
            }
        }
    }
}

fn clean_signature(s: &mut Signature) {
    let Signature {
        label,
        authority: _,
        to_chuc,
        chuc_vu,
        ghi_chu,
        ho_ten,
    } = s;
    [label, to_chuc, chuc_vu, ghi_chu]
        .into_iter()
        .for_each(clean_opt);
    clean_in_place(ho_ten);
}

impl Document {
    /// The document with the text invariant established on every string it holds (the rule of
    /// `crate::text::clean`).
    /// The fields are listed exhaustively, so a new field cannot be left out unnoticed.
    pub fn clean(mut self) -> Self {
        let Document {
            file_stem,
            header,
            title,
            blocks,
            signatures,
            noi_nhan,
            addressees,
            can_cu,
            enacting,
            drafter,
            appendices,
            // Images are pictures, not text.
            images: _,
            pictures: _,
            marks,
            ban_sao,
            copies: _,
        } = &mut self;
        clean_opt(&mut marks.luu_hanh);
        clean_opt(&mut marks.lien_he);
        if let Some(b) = ban_sao {
            clean_opt(&mut b.so);
            clean_in_place(&mut b.co_quan);
            clean_in_place(&mut b.ky_hieu);
            clean_in_place(&mut b.dia_danh);
            clean_signature(&mut b.signature);
            b.noi_nhan.items.iter_mut().for_each(clean_in_place);
            clean_opt(&mut b.noi_nhan.luu);
        }
        clean_in_place(file_stem);
        let Header {
            cap_tren,
            co_quan,
            number,
            dia_danh,
            ngay: _,
        } = header;
        clean_opt(cap_tren);
        clean_in_place(co_quan);
        clean_in_place(dia_danh);
        if let Some(n) = number {
            clean_opt(&mut n.so);
            clean_in_place(&mut n.loai);
            clean_in_place(&mut n.ky_hieu);
        }
        let Title {
            ten_loai,
            trich_yeu,
        } = title;
        clean_in_place(ten_loai);
        clean_inlines(trich_yeu);
        clean_blocks(blocks);
        if let Some(left) = &mut signatures.left {
            clean_signature(left);
        }
        clean_signature(&mut signatures.right);
        if let Some(NoiNhan { items, luu }) = noi_nhan {
            items.iter_mut().for_each(clean_in_place);
            clean_opt(luu);
        }
        if let Some(Addressees { label: _, items }) = addressees {
            items.iter_mut().for_each(clean_in_place);
        }
        can_cu.iter_mut().for_each(clean_in_place);
        clean_opt(enacting);
        clean_opt(drafter);
        for Appendix {
            title,
            kem_theo: _,
            orientation: _,
            blocks,
        } in appendices
        {
            clean_inlines(title);
            clean_blocks(blocks);
        }
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn document_clean_reaches_every_string() {
        let dirty = "A\u{200B}\u{1}e\u{0323}\u{0302}";
        let inl = || vec![Inline::plain(dirty)];
        let sig = || Signature {
            label: Some(dirty.into()),
            to_chuc: Some(dirty.into()),
            chuc_vu: Some(dirty.into()),
            ghi_chu: Some(dirty.into()),
            ho_ten: dirty.into(),
            authority: None,
        };
        let blocks = || {
            vec![
                Block::Heading {
                    level: 1,
                    content: inl(),
                },
                Block::Paragraph {
                    content: inl(),
                    align: Default::default(),
                },
                Block::Note { content: inl() },
                Block::Article { content: inl() },
                Block::List {
                    items: vec![super::super::ListItem {
                        depth: 1,
                        content: inl(),
                    }],
                },
                Block::Table(super::super::Table {
                    align: vec![],
                    header: vec![inl()],
                    rows: vec![vec![inl()]],
                    ..Default::default()
                }),
                Block::Signing(super::super::Signing {
                    left: Some(sig()),
                    right: Some(sig()),
                }),
            ]
        };
        let doc = Document {
            file_stem: dirty.into(),
            header: Header {
                cap_tren: Some(dirty.into()),
                co_quan: dirty.into(),
                number: Some(super::super::DocNumber {
                    so: Some(dirty.into()),
                    loai: dirty.into(),
                    ky_hieu: dirty.into(),
                }),
                dia_danh: dirty.into(),
                ngay: None,
            },
            title: Title {
                ten_loai: dirty.into(),
                trich_yeu: inl(),
            },
            blocks: blocks(),
            signatures: super::super::Signatures {
                left: Some(sig()),
                right: sig(),
            },
            noi_nhan: Some(NoiNhan {
                items: vec![dirty.into()],
                luu: Some(dirty.into()),
            }),
            addressees: Some(Addressees {
                label: Default::default(),
                items: vec![dirty.into()],
            }),
            can_cu: vec![dirty.into()],
            enacting: Some(dirty.into()),
            drafter: Some(dirty.into()),
            appendices: vec![Appendix {
                title: inl(),
                kem_theo: false,
                orientation: Default::default(),
                blocks: blocks(),
            }],
            images: None,
            pictures: Vec::new(),
            marks: super::super::Marks {
                luu_hanh: Some(dirty.into()),
                lien_he: Some(dirty.into()),
                ..Default::default()
            },
            ban_sao: Some(super::super::BanSao {
                hinh_thuc: super::super::HinhThucSao::SaoY,
                so: Some(dirty.into()),
                co_quan: dirty.into(),
                ky_hieu: dirty.into(),
                dia_danh: dirty.into(),
                ngay: None,
                signature: sig(),
                noi_nhan: NoiNhan {
                    items: vec![dirty.into()],
                    luu: Some(dirty.into()),
                },
            }),
            copies: None,
        }
        .clean();
        let json = serde_json::to_string(&doc).unwrap_or_default();
        assert!(
            !json.contains("\\u200b") && !json.contains('\u{200B}'),
            "{json}"
        );
        assert!(!json.contains("\\u0001"), "{json}");
        assert!(!json.contains('\u{0323}'), "{json}");
        // All 73 strings, each now "Aệ".
        assert_eq!(json.matches("A\u{1EC7}").count(), 73, "{json}");
    }
}
