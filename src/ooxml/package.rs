//! The OPC package: the parts docx-rs built, passed through the schema pass, plus our own content types,
//! relationships and document properties, written as a deflate-compressed zip with fixed timestamps.
//!
//! Only the parts the document uses are built: docx-rs's `Docx::build` would also serialise comments,
//! comments-extended, numbering (with its default list definitions), footnotes and custom properties,
//! none of which is used here, so the renderer builds the document, styles, font table, header and footer parts
//! itself and this module names exactly those in the content types and relationships. docx-rs's settings
//! part carries East Asian compatibility flags (`useFELayout`,
//! `balanceSingleByteDoubleByteWidth`, …) that change Word's layout, so the settings are written here;
//! and Word expects a theme part, which docx-rs does not write.

use super::schema_order::{self, Extra, Fixes};
use super::zip_out::{ZipError, ZipOut};
use quick_xml::escape::escape;

/// One image part of the package.
#[derive(Debug, Clone)]
pub(crate) struct Media {
    /// The relationship id the document uses (`rIdImageChuKy`).
    pub rid: String,
    /// The part's file name under `word/media/` (its extension gives its content type).
    pub file: String,
    /// The picture's bytes.
    pub bytes: std::sync::Arc<[u8]>,
}

/// The deflate level of every part.
const DEFLATE_LEVEL: u32 = 1;

/// The WordprocessingML parts docx-rs serialised.
#[derive(Debug, Clone, Default)]
pub(crate) struct Parts {
    /// `word/document.xml`.
    pub document: Vec<u8>,
    /// `word/styles.xml`.
    pub styles: Vec<u8>,
    /// `word/fontTable.xml`.
    pub font_table: Vec<u8>,
    /// `word/header{n}.xml`, n from 1, in the order of their relationship ids `rIdHeader{n}`.
    pub headers: Vec<Vec<u8>>,
    /// `word/footer{n}.xml`, n from 1, in the order of their relationship ids `rIdFooter{n}`.
    pub footers: Vec<Vec<u8>>,
}

/// What the package needs besides the parts.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PackageInfo<'a> {
    /// The language of the text (`vi-VN`), set on the default run properties and in core properties.
    pub lang: &'a str,
    /// The document title for core properties.
    pub title: &'a str,
    /// The author (the issuing body) for core properties.
    pub author: &'a str,
    /// The subject (the citation form) for core properties.
    pub subject: &'a str,
    /// The creation date, W3CDTF (`2022-07-29T00:00:00Z`): the document's own date.
    pub created: Option<&'a str>,
    /// Image parts (`word/media/…`) and their relationship ids.
    pub media: &'a [Media],
    /// The table style whose first row repeats on every page.
    pub repeat_header_style: &'a str,
    /// The font family, named as the theme's fonts too.
    pub font_family: &'a str,
}

/// A packaging failure (an XML part that does not parse, a zip write error).
#[derive(Debug)]
pub(crate) struct PackageError(pub String);

impl From<quick_xml::Error> for PackageError {
    fn from(e: quick_xml::Error) -> Self {
        Self(format!("XML: {e}"))
    }
}

impl From<ZipError> for PackageError {
    fn from(e: ZipError) -> Self {
        Self(format!("zip: {}", e.0))
    }
}

const CT_HEADER: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml";
const REL_HEADER: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header";
const CT_FOOTER: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml";
const REL_FOOTER: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer";
const REL_IMAGE: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image";
const XML_DECL: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

/// Builds the `.docx` bytes.
pub(crate) fn write(xml: &Parts, info: &PackageInfo<'_>) -> Result<Vec<u8>, PackageError> {
    let lang = escape(info.lang);
    let lang_el = format!("<w:lang w:val=\"{lang}\" w:eastAsia=\"{lang}\"/>");
    let default_run = [
        Extra {
            local: b"color",
            xml: b"<w:color w:val=\"000000\"/>",
        },
        Extra {
            local: b"lang",
            xml: lang_el.as_bytes(),
        },
    ];
    let fixes = Fixes {
        default_run: &default_run,
        repeat_header_style: info.repeat_header_style.as_bytes(),
    };

    let document = schema_order::fix_part(&xml.document, &fixes)?;
    let styles = schema_order::fix_part(&xml.styles, &fixes)?;
    let settings = settings_part(&lang);
    let theme = theme_part(&escape(info.font_family));
    let font_table = schema_order::fix_part(&xml.font_table, &fixes)?;
    let headers = xml
        .headers
        .iter()
        .map(|h| schema_order::fix_part(h, &fixes))
        .collect::<Result<Vec<_>, _>>()?;
    let footers = xml
        .footers
        .iter()
        .map(|f| schema_order::fix_part(f, &fixes))
        .collect::<Result<Vec<_>, _>>()?;

    let mut content_types = String::with_capacity(2048);
    content_types.push_str(XML_DECL);
    content_types.push_str(concat!(
        "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">",
        "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>",
        "<Default Extension=\"xml\" ContentType=\"application/xml\"/>",
        "<Default Extension=\"png\" ContentType=\"image/png\"/>",
        "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>",
        "<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>",
        "<Override PartName=\"/word/settings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>",
        "<Override PartName=\"/word/fontTable.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml\"/>",
        "<Override PartName=\"/word/theme/theme1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.theme+xml\"/>",
        "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>",
        "<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>",
    ));
    // Pictures other than PNG (a Word template's JPEG or GIF).
    for (ext, mime) in [("jpeg", "image/jpeg"), ("gif", "image/gif")] {
        if info.media.iter().any(|m| m.file.ends_with(&format!(".{ext}"))) {
            content_types.push_str(&format!(
                "<Default Extension=\"{ext}\" ContentType=\"{mime}\"/>"
            ));
        }
    }
    for i in 1..=headers.len() {
        content_types.push_str(&format!(
            "<Override PartName=\"/word/header{i}.xml\" ContentType=\"{CT_HEADER}\"/>"
        ));
    }
    for i in 1..=footers.len() {
        content_types.push_str(&format!(
            "<Override PartName=\"/word/footer{i}.xml\" ContentType=\"{CT_FOOTER}\"/>"
        ));
    }
    content_types.push_str("</Types>");

    let root_rels = concat!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n",
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">",
        "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>",
        "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>",
        "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties\" Target=\"docProps/app.xml\"/>",
        "</Relationships>",
    );

    // The ids docx-rs uses in the document: rId1–rId3 for styles, font table and settings,
    // rIdHeader{n} for header{n}.xml, rIdFooter{n} for footer{n}.xml.
    let mut document_rels = String::with_capacity(1024);
    document_rels.push_str(XML_DECL);
    document_rels.push_str(concat!(
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">",
        "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>",
        "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable\" Target=\"fontTable.xml\"/>",
        "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings\" Target=\"settings.xml\"/>",
        "<Relationship Id=\"rIdTheme1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme\" Target=\"theme/theme1.xml\"/>",
    ));
    for i in 1..=headers.len() {
        let rid = docx_rs::create_header_rid(i);
        document_rels.push_str(&format!(
            "<Relationship Id=\"{rid}\" Type=\"{REL_HEADER}\" Target=\"header{i}.xml\"/>"
        ));
    }
    for i in 1..=footers.len() {
        let rid = docx_rs::create_footer_rid(i);
        document_rels.push_str(&format!(
            "<Relationship Id=\"{rid}\" Type=\"{REL_FOOTER}\" Target=\"footer{i}.xml\"/>"
        ));
    }
    for m in info.media {
        document_rels.push_str(&format!(
            "<Relationship Id=\"{}\" Type=\"{REL_IMAGE}\" Target=\"media/{}\"/>",
            m.rid, m.file
        ));
    }
    document_rels.push_str("</Relationships>");

    let dates = match info.created {
        Some(d) => {
            let d = escape(d);
            format!(
                "<dcterms:created xsi:type=\"dcterms:W3CDTF\">{d}</dcterms:created><dcterms:modified xsi:type=\"dcterms:W3CDTF\">{d}</dcterms:modified>"
            )
        }
        None => String::new(),
    };
    let core = format!(
        concat!(
            "{decl}<cp:coreProperties",
            " xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\"",
            " xmlns:dc=\"http://purl.org/dc/elements/1.1/\"",
            " xmlns:dcterms=\"http://purl.org/dc/terms/\"",
            " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">",
            "<dc:title>{title}</dc:title><dc:subject>{subject}</dc:subject><dc:creator>{author}</dc:creator>",
            "<dc:language>{lang}</dc:language>{dates}",
            "</cp:coreProperties>"
        ),
        decl = XML_DECL,
        title = escape(info.title),
        subject = escape(info.subject),
        author = escape(info.author),
        lang = lang,
        dates = dates,
    );
    let app = concat!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n",
        "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">",
        "<Application>vanban</Application></Properties>",
    );

    let total = document.len() + styles.len() + font_table.len();
    let mut zip = ZipOut::new(total / 3 + 4096, DEFLATE_LEVEL);
    // Every part but the document text and its title depends only on the profile: compressed once per
    // thread and reused.
    zip.add_repeated("[Content_Types].xml", content_types.as_bytes())?;
    zip.add_repeated("_rels/.rels", root_rels.as_bytes())?;
    zip.add("docProps/core.xml", core.as_bytes())?;
    zip.add_repeated("docProps/app.xml", app.as_bytes())?;
    zip.add_repeated("word/_rels/document.xml.rels", document_rels.as_bytes())?;
    zip.add("word/document.xml", &document)?;
    zip.add_repeated("word/styles.xml", &styles)?;
    zip.add_repeated("word/settings.xml", settings.as_bytes())?;
    zip.add_repeated("word/theme/theme1.xml", theme.as_bytes())?;
    zip.add_repeated("word/fontTable.xml", &font_table)?;
    for (i, h) in headers.iter().enumerate() {
        zip.add_repeated(&format!("word/header{}.xml", i + 1), h)?;
    }
    // A footer holds the document's own words (page 1's contact details).
    for (i, f) in footers.iter().enumerate() {
        zip.add(&format!("word/footer{}.xml", i + 1), f)?;
    }
    for m in info.media {
        // PNG, JPEG and GIF are compressed already.
        zip.add_stored(&format!("word/media/{}", m.file), &m.bytes)?;
    }
    Ok(zip.finish()?)
}

/// The settings part: Word 2013+ layout (compatibility mode 15), manual line breaks in justified
/// paragraphs not stretched, the language of theme fonts.
fn settings_part(lang: &str) -> String {
    format!(
        concat!(
            "{decl}<w:settings xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">",
            "<w:zoom w:percent=\"100\"/>",
            "<w:characterSpacingControl w:val=\"doNotCompress\"/>",
            "<w:compat><w:doNotExpandShiftReturn/>",
            "<w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/>",
            "</w:compat>",
            "<w:themeFontLang w:val=\"{lang}\"/>",
            "</w:settings>"
        ),
        decl = XML_DECL,
        lang = lang
    )
}

/// A minimal Office theme (colours, the document's font as major and minor font, plain formats).
fn theme_part(font: &str) -> String {
    let fonts = |kind: &str| {
        format!(
            "<a:{kind}><a:latin typeface=\"{font}\"/><a:ea typeface=\"\"/><a:cs typeface=\"\"/></a:{kind}>"
        )
    };
    let solid = "<a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill>";
    let line = "<a:ln w=\"9525\"><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill></a:ln>";
    let effect = "<a:effectStyle><a:effectLst/></a:effectStyle>";
    format!(
        concat!(
            "{decl}<a:theme xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" name=\"Office Theme\">",
            "<a:themeElements><a:clrScheme name=\"Office\">",
            "<a:dk1><a:sysClr val=\"windowText\" lastClr=\"000000\"/></a:dk1>",
            "<a:lt1><a:sysClr val=\"window\" lastClr=\"FFFFFF\"/></a:lt1>",
            "<a:dk2><a:srgbClr val=\"44546A\"/></a:dk2><a:lt2><a:srgbClr val=\"E7E6E6\"/></a:lt2>",
            "<a:accent1><a:srgbClr val=\"4472C4\"/></a:accent1><a:accent2><a:srgbClr val=\"ED7D31\"/></a:accent2>",
            "<a:accent3><a:srgbClr val=\"A5A5A5\"/></a:accent3><a:accent4><a:srgbClr val=\"FFC000\"/></a:accent4>",
            "<a:accent5><a:srgbClr val=\"5B9BD5\"/></a:accent5><a:accent6><a:srgbClr val=\"70AD47\"/></a:accent6>",
            "<a:hlink><a:srgbClr val=\"0563C1\"/></a:hlink><a:folHlink><a:srgbClr val=\"954F72\"/></a:folHlink>",
            "</a:clrScheme><a:fontScheme name=\"Office\">{major}{minor}</a:fontScheme>",
            "<a:fmtScheme name=\"Office\">",
            "<a:fillStyleLst>{solid}{solid}{solid}</a:fillStyleLst>",
            "<a:lnStyleLst>{line}{line}{line}</a:lnStyleLst>",
            "<a:effectStyleLst>{effect}{effect}{effect}</a:effectStyleLst>",
            "<a:bgFillStyleLst>{solid}{solid}{solid}</a:bgFillStyleLst>",
            "</a:fmtScheme></a:themeElements><a:objectDefaults/><a:extraClrSchemeLst/></a:theme>"
        ),
        decl = XML_DECL,
        major = fonts("majorFont"),
        minor = fonts("minorFont"),
        solid = solid,
        line = line,
        effect = effect,
    )
}
