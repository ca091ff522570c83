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
