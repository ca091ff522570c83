//! Writing a WordprocessingML package: the parts docx-rs serialises, put into ECMA-376 schema order
//! ([`schema_order`]), with vanban's own content types, relationships, settings, theme and document
//! properties, deflated with fixed timestamps ([`zip_out`]). Shared by the DOCX writer of documents
//! (`render::docx`) and the writer of Word templates (`word::write`), so both validate alike.

mod package;
mod schema_order;
mod zip_out;

pub(crate) use package::{Media, PackageInfo, Parts, write};
