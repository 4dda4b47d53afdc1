//! Where each area stands among the others: for every period and measure, the values of the
//! areas that reported it, sorted, over all areas and within each group.
//!
//! Made once from the validated records, so an area page looks up its rank and its group's
//! median by binary search instead of reading every record again: a site of 50,000 areas
//! costs n log n, not n².

use std::collections::BTreeMap;

use super::{Area, AreaRecord, DataStatus, MeasureId, Period, worst};

/// One measure's values in one period, largest first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Ranked(Vec<u64>);

/// An area's place among the areas that reported: `rank` 1 is the largest value; equal
/// values share the rank of the first of them (1, 2, 2, 4), and `tied` counts the others
/// that share it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Standing {
    pub rank: usize,
    /// How many areas reported a value (the areas ranked).
    pub of: usize,
    /// How many other areas have exactly this value.
    pub tied: usize,
}

impl Ranked {
    fn new(mut values: Vec<u64>) -> Self {
        values.sort_unstable_by(|a, b| b.cmp(a));
        Ranked(values)
    }

    /// How many areas reported a value.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Where `value` stands among these values (which hold it).
    pub fn standing(&self, value: u64) -> Standing {
        let above = self.0.partition_point(|&x| x > value);
        let through = self.0.partition_point(|&x| x >= value);
        Standing {
            rank: above + 1,
            of: self.0.len(),
            tied: through.saturating_sub(above + 1),
        }
    }

    /// Twice the median (so that the middle of two values stays a whole number): the middle
    /// value doubled, or the sum of the two middle values. `None` without values.
    pub fn median_doubled(&self) -> Option<u128> {
        let n = self.0.len();
        if n == 0 {
            return None;
        }
        let mid = n / 2;
        Some(if n % 2 == 1 {
            2 * u128::from(self.0[mid])
        } else {
            u128::from(self.0[mid - 1]) + u128::from(self.0[mid])
        })
    }

    /// The sum of the values (saturating, like the national sums).
    pub fn sum(&self) -> u64 {
        self.0.iter().fold(0u64, |a, &v| a.saturating_add(v))
    }
}

/// The values of one period: over all areas, and per group, per measure.
#[derive(Debug, Clone, Default)]
pub struct PeriodStandings {
    /// Indexed by [`MeasureId`].
    pub all: Vec<Ranked>,
    /// Indexed by group, then by [`MeasureId`].
    pub groups: Vec<Vec<Ranked>>,
    /// How many areas have figures for the period, over all and per group.
    pub reported: usize,
    pub reported_in_group: Vec<usize>,
    /// The weakest status of the figures compared: what every rank, median and share of
    /// the period is.
    pub status: DataStatus,
}

impl PeriodStandings {
    pub fn all(&self, m: MeasureId) -> &Ranked {
        &self.all[m.index()]
    }

    pub fn group(&self, group: usize, m: MeasureId) -> &Ranked {
        &self.groups[group][m.index()]
    }
}

/// Every period's standings.
#[derive(Debug, Clone, Default)]
pub struct Standings(BTreeMap<Period, PeriodStandings>);

impl Standings {
    pub fn new(
        records: &[AreaRecord],
        areas: &[Area],
        groups: usize,
        measures: usize,
    ) -> Standings {
        // Values gathered per period, measure and group first, then sorted once.
        type Lists = (
            Vec<Vec<u64>>,
            Vec<Vec<Vec<u64>>>,
            usize,
            Vec<usize>,
            DataStatus,
        );
        let mut periods: BTreeMap<Period, Lists> = BTreeMap::new();
        for record in records {
            let group = areas[record.area].group;
            for result in &record.results {
                let (all, by_group, reported, in_group, status) =
                    periods.entry(result.period).or_insert_with(|| {
                        (
                            vec![Vec::new(); measures],
                            vec![vec![Vec::new(); measures]; groups],
                            0,
                            vec![0; groups],
                            DataStatus::Official,
                        )
                    });
                *reported += 1;
                *status = worst([*status, result.status].into_iter());
                in_group[group] += 1;
                for m in 0..measures {
                    if let Some(v) = result.values.get(MeasureId::new(m)) {
                        all[m].push(v);
                        by_group[group][m].push(v);
                    }
                }
            }
        }
        Standings(
            periods
                .into_iter()
                .map(|(period, (all, by_group, reported, in_group, status))| {
                    (
                        period,
                        PeriodStandings {
                            all: all.into_iter().map(Ranked::new).collect(),
                            groups: by_group
                                .into_iter()
                                .map(|g| g.into_iter().map(Ranked::new).collect())
                                .collect(),
                            reported,
                            reported_in_group: in_group,
                            status,
                        },
                    )
                })
                .collect(),
        )
    }

    /// The standings of a period some area reported for.
    pub fn period(&self, period: &Period) -> Option<&PeriodStandings> {
        self.0.get(period)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_values_share_a_rank_and_count_their_ties() {
        let r = Ranked::new(vec![5, 9, 7, 7, 1]);
        assert_eq!(
            r.standing(9),
            Standing {
                rank: 1,
                of: 5,
                tied: 0
            }
        );
        assert_eq!(
            r.standing(7),
            Standing {
                rank: 2,
                of: 5,
                tied: 1
            }
        );
        assert_eq!(
            r.standing(5),
            Standing {
                rank: 4,
                of: 5,
                tied: 0
            }
        );
        assert_eq!(
            r.standing(1),
            Standing {
                rank: 5,
                of: 5,
                tied: 0
            }
        );
    }

    #[test]
    fn the_median_of_an_even_count_is_the_middle_of_two() {
        assert_eq!(Ranked::new(vec![]).median_doubled(), None);
        assert_eq!(Ranked::new(vec![4]).median_doubled(), Some(8));
        assert_eq!(Ranked::new(vec![1, 4, 9]).median_doubled(), Some(8));
        assert_eq!(Ranked::new(vec![1, 4, 5, 9]).median_doubled(), Some(9));
        assert_eq!(
            Ranked::new(vec![u64::MAX, u64::MAX]).median_doubled(),
            Some(2 * u128::from(u64::MAX))
        );
    }
}
