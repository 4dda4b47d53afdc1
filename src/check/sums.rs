//! The provinces' figures add up to the national figures, period by period, field by field.
//!
//! Once every area in `content/areas.csv` has reported for a period, a difference means a
//! figure is wrong somewhere, and the site would publish totals that contradict each other:
//! that is an error. While areas are still reporting, a difference is expected and only a
//! warning, which says how many have reported so far.

use serde_saphyr::Spanned;

use crate::content::Content;
use crate::content::raw::{Count, RawNationalPeriod};
use crate::content::yaml::position_of;
use crate::diagnostics::Diagnostics;
use crate::model::{Measure, Site};
use crate::render::format::group;

/// The fields that are reported (the total of target groups is derived, so not repeated),
/// with their names as written in the YAML files.
fn fields(raw: &RawNationalPeriod) -> [(&'static str, Measure, &Spanned<Count>); 6] {
    [
        (
            "target_groups.agriculture",
            Measure::Agriculture,
            &raw.target_groups.agriculture,
        ),
        (
            "target_groups.processing",
            Measure::Processing,
            &raw.target_groups.processing,
        ),
        (
            "target_groups.community_tourism",
            Measure::CommunityTourism,
            &raw.target_groups.community_tourism,
        ),
        (
            "groups_with_higher_income",
            Measure::GroupsWithHigherIncome,
            &raw.groups_with_higher_income,
        ),
        (
            "income_increase_baht",
            Measure::IncomeIncreaseBaht,
            &raw.income_increase_baht,
        ),
        ("beneficiaries", Measure::Beneficiaries, &raw.beneficiaries),
    ]
}

fn signed(n: i128) -> String {
    let body = group(n.unsigned_abs() as u64);
    match n.signum() {
        1 => format!("+{body}"),
        -1 => format!("-{body}"),
        _ => body,
    }
}

pub fn check(content: &Content, site: &Site, diags: &mut Diagnostics) {
    let Some(national) = &content.national else {
        return;
    };
    let total_areas = site.areas.len();
    // Validation keeps the national periods in the file's order.
    for (np, raw) in site.national.periods.iter().zip(&national.value.periods) {
        let (sum, reported) = site.province_totals(&np.period);
        if reported == 0 {
            continue;
        }
        let all_reported = reported == total_areas;
        for (name, measure, spanned) in fields(&raw.value) {
            let (national_value, provinces) = (np.figures.get(measure), sum.get(measure));
            if national_value == provinces {
                continue;
            }
            let difference = i128::from(provinces) - i128::from(national_value);
            let message = format!(
                "`{name}` for {} to {}: the provinces add up to {}, but the national figure is {} (difference {})",
                np.period.start,
                np.period.end,
                group(provinces),
                group(national_value),
                signed(difference)
            );
            let at = position_of(spanned, 0);
            if all_reported {
                diags
                    .error("national-sum", &national.file, at, message)
                    .help(format!(
                        "all {total_areas} areas have reported for this period, so the totals must agree: correct the national figure or the province figure that is wrong"
                    ));
            } else {
                diags
                    .warning("national-sum", &national.file, at, format!("{message}; {reported} of {total_areas} reported"))
                    .help(format!(
                        "expected while areas are still reporting; it becomes an error once all {total_areas} have reported"
                    ));
            }
        }
    }
}
