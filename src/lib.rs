//! tanrak (ฐานราก): a static site generator for bilingual Thai/English public reporting.
//!
//! One pipeline, one module per stage: [`content`] loads the editors' files, [`validate`]
//! checks them into the [`model`], [`render`] turns the model into pages and [`output`]
//! writes them; [`check`] looks for what valid content can still get wrong (links, sums,
//! spelling of official names). [`site`] runs the stages in order; [`diagnostics`] collects every problem.
//! [`serve`] is the editors' live preview ([`rebuild`] works out what an edit touches); [`progress`] shows a long build's progress.
//! [`sitefs`] is the one rule for opening and writing files in a site's folder.
//! [`messages`] holds every word tanrak says to people, in Thai and English.

pub mod check;
pub mod content;
pub mod diagnostics;
pub mod init;
pub mod messages;
pub mod model;
pub mod output;
pub mod precompress;
pub mod progress;
pub mod rebuild;
pub mod render;
pub mod scaffold;
pub mod serve;
pub mod site;
pub mod sitefs;
pub mod validate;
