//! The layout stage and the writers: [`layout`] resolves a document against a profile once; [`docx`]
//! and [`pdf`] each place what the layout decided and never see the IR's roles or the profile.
//! [`images`] reads the signature and seal pictures, [`pdf_merge`] joins PDFs for printing.

pub mod docx;
pub mod images;
pub mod layout;
mod options;
pub mod pdf;
pub mod pdf_merge;

pub use options::RenderOptions;
