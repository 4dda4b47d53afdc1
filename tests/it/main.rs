//! The one integration-test binary: builds fixture sites into temporary folders and looks at
//! the files they produce. Each module covers one area of behaviour.

mod support;

mod annotations;
mod build;
mod charts;
mod check;
mod check_definition;
mod compare;
mod data;
mod examples;
mod gates;
mod init;
mod invalid;
mod menus;
mod messages;
mod periods;
mod preview;
mod publish;
mod release;
mod report;
mod safety;
mod search;
mod serve;
mod site_folder;
mod status;
mod untrusted;
mod windows;
