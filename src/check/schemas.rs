//! The committed schemas still describe the site: `schemas/` holds what `tanrak schema`
//! writes for the current report definition, languages and areas list.
//!
//! The record and national schemas are generated from `content/report.yaml`; after a
//! measure, a language or an event kind is added, a committed schema that was not
//! regenerated would flag correct files (or miss wrong ones) in every editor. A site that
//! keeps no `schemas/` folder is not asked to have one.

use crate::content::Content;
use crate::content::declared::group_keys;
use crate::content::schema;
use crate::diagnostics::{Diagnostics, Position};
use crate::model::Site;
use crate::msg;

pub fn check(content: &Content, site: &Site, diags: &mut Diagnostics) {
    let root = diags.root().to_path_buf();
    let dir = root.join(schema::DIR);
    match crate::sitefs::is_folder(&root, &dir) {
        Ok(true) => {}
        Ok(false) => return,
        Err(refused) => {
            refused.report_rule(diags);
            return;
        }
    }
    let groups = group_keys(&site.report, &content.areas);
    for (name, text) in schema::all(&site.report, &site.config.languages, &groups) {
        let path = dir.join(&name);
        let read = crate::sitefs::read(&root, &path).map(String::from_utf8);
        let message = match read {
            Ok(Ok(committed)) if committed.replace("\r\n", "\n") == text => continue,
            Err(refused) if refused.report_rule(diags) => continue,
            Ok(_) => msg!(
                "schema-stale--old",
                file = format!("{}/{name}", schema::DIR)
            ),
            Err(_) => msg!(
                "schema-stale--missing",
                file = format!("{}/{name}", schema::DIR),
                dir = schema::DIR
            ),
        };
        diags
            .warning("schema-stale", &path, Position::FILE, message)
            .help(msg!("schema-stale--h1"));
    }
}
