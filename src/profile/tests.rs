//! The built-in profiles parse and check; loading by name and by file.

use super::*;

#[test]
fn builtins_parse() {
    for (name, _) in BUILTIN {
        let p = Profile::builtin(name).unwrap();
        assert_eq!(p.name, *name);
    }
    assert_eq!(Profile::dang().the_thuc, TheThuc::Dang);
    assert_eq!(
        Profile::builtin("nha-nuoc").unwrap().the_thuc,
        TheThuc::NhaNuoc
    );
}

#[test]
fn builtin_rules_are_the_regulation_defaults() {
    for (name, _) in BUILTIN {
        assert_eq!(
            Profile::builtin(name).unwrap().rules,
            Rules::default(),
            "{name}"
        );
    }
}

#[test]
fn extends_changes_only_given_keys() {
    let p = Profile::parse(
        "extends = \"dang\"\n[page]\nmargin_top_mm = 25.0\n",
        "unit.toml",
    )
    .unwrap();
    assert_eq!(p.page.margin_top_mm, 25.0);
    assert_eq!(p.page.margin_left_mm, 30.0);
    assert_eq!(p.name, "dang");
}

#[test]
fn bad_key_is_named() {
    let e = Profile::parse(
        "extends = \"dang\"\n[page]\nmargin_left = 35.0\n",
        "unit.toml",
    )
    .unwrap_err();
    let msg = e.to_string();
    assert!(msg.contains("unit.toml"), "{msg}");
    assert!(msg.contains("page"), "{msg}");
    assert!(msg.contains("margin_left"), "{msg}");
    let e = Profile::parse("extends = \"dang\"\n[body]\nsize_pt = \"big\"\n", "u.toml")
        .unwrap_err();
    assert!(e.to_string().contains("body.size_pt"), "{e}");
    assert_eq!(e.exit_code(), 1);
}

#[test]
fn party_profiles_follow_their_guides() {
    let hd05 = Profile::builtin("dang").unwrap();
    assert_eq!(hd05.noi_nhan.separator, ";");
    assert_eq!(hd05.noi_nhan.last, ".");
    assert_eq!(hd05.body.line_pitch_range_pt, Some([18.0, 22.0]));
    let hd36 = Profile::builtin("dang-36").unwrap();
    assert_eq!(hd36.noi_nhan.separator, ",");
    assert_eq!(hd36.the_thuc, TheThuc::Dang);
    assert_eq!(hd36.addressees.kinh_trinh, "Kính gửi:");
    assert_eq!(hd36.addressees.separator, ",");
    assert_eq!(hd36.can_cu.last, ",");
    assert_eq!(hd36.drafter.style.size_pt, 8.0);
    assert_eq!(hd05.addressees.kinh_trinh, "Kính trình:");
    assert_eq!(hd05.can_cu.last, ".");
    assert_eq!(hd05.drafter.style.size_pt, 11.0);
    // A unit profile can extend the old guide.
    let p = Profile::parse("extends = \"dang-36\"\n", "u.toml").unwrap();
    assert_eq!(p.name, "dang-36");
}

#[test]
fn line_pitch_outside_the_guide_is_rejected() {
    // 05-HD §I.6.2.2: Exactly 18–22 pt.
    for pitch in ["17.5", "22.5"] {
        let src = format!("extends = \"dang\"\n[body]\nline_pitch_pt = {pitch}\n");
        let e = Profile::parse(&src, "u.toml").unwrap_err();
        assert!(e.to_string().contains("body.line_pitch_pt"), "{e}");
        assert!(e.to_string().contains("18–22"), "{e}");
    }
    for pitch in ["18.0", "20", "22.0"] {
        let src = format!("extends = \"dang\"\n[body]\nline_pitch_pt = {pitch}\n");
        assert!(Profile::parse(&src, "u.toml").is_ok(), "{pitch}");
    }
}

#[test]
fn a_profile_file_without_the_newer_sections_takes_them_from_dang() {
    let mut table: toml::Table = toml::from_str(BUILTIN[0].1).unwrap();
    table.remove("check_box");
    table.remove("signing");
    let p = Profile::parse(&toml::to_string(&table).unwrap(), "old.toml").unwrap();
    assert_eq!(p.check_box, Profile::dang().check_box);
    assert_eq!(p.signing, Profile::dang().signing);
    let e = Profile::parse(
        "extends = \"dang\"\n[check_box]\ndocx_empty = \"xyz\"\n",
        "u.toml",
    )
    .unwrap_err();
    assert!(e.to_string().contains("check_box"), "{e}");
}

#[test]
fn unknown_builtin_is_usage_error() {
    assert_eq!(Profile::load("khong-co").unwrap_err().exit_code(), 2);
}

#[test]
fn contact_details_place_and_its_distance() {
    assert_eq!(Profile::dang().marks.lien_he_place, ContactPlace::End);
    let nn = Profile::builtin("nha-nuoc").unwrap();
    assert_eq!(nn.marks.lien_he_place, ContactPlace::Page1Footer);
    assert_eq!(nn.marks.lien_he_bottom_mm, Some(10.0));
    // A file without the key keeps the contact details at the end, as before the key existed.
    let mut table: toml::Table = toml::from_str(BUILTIN[0].1).unwrap();
    table["marks"].as_table_mut().unwrap().remove("lien_he_place");
    let p = Profile::parse(&toml::to_string(&table).unwrap(), "old.toml").unwrap();
    assert_eq!(p.marks.lien_he_place, ContactPlace::End);
    // The footer place needs its distance from the bottom edge, inside the bottom margin.
    let e = Profile::parse(
        "extends = \"dang\"\n[marks]\nlien_he_place = \"page1-footer\"\n",
        "u.toml",
    )
    .unwrap_err();
    assert!(e.to_string().contains("marks.lien_he_bottom_mm"), "{e}");
    let e = Profile::parse(
        "extends = \"nha-nuoc\"\n[marks]\nlien_he_bottom_mm = 25.0\n",
        "u.toml",
    )
    .unwrap_err();
    assert!(e.to_string().contains("marks.lien_he_bottom_mm"), "{e}");
    let e = Profile::parse(
        "extends = \"nha-nuoc\"\n[marks]\nlien_he_place = \"chan-trang\"\n",
        "u.toml",
    )
    .unwrap_err();
    assert!(e.to_string().contains("marks.lien_he_place"), "{e}");
}
