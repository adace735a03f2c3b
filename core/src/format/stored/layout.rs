//! The part layout: what each part holds, the table of parts a head carries, and which bucket
//! holds whose records.

use super::pack::squeeze_json;
use super::{Serial, MAX_BUCKETS, PER_BUCKET};
use crate::format::write::{action_out, stakeholder_out, touchpoint_out};
use crate::model::{Action, StakeMap, Stakeholder, StakeholderId, Touchpoint};
use serde::{Deserialize, Serialize};

/// What a part holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(super) enum Slot {
    Order,
    Bucket(u32),
    History(u32),
    Snapshots,
    Evidence,
    Relationships,
}

/// The table of parts a head carries under `stored`.
#[derive(Serialize, Deserialize)]
pub(super) struct StoredRecord {
    pub(super) layout: u32,
    /// The serial after the highest in use, where the next save starts numbering.
    pub(super) next: Serial,
    /// The part holding the stakeholders' order (their ids as the map lists them).
    pub(super) order: Serial,
    /// The part of each bucket.
    pub(super) buckets: Vec<Serial>,
    /// The parts of the history, in order.
    pub(super) history: Vec<Serial>,
    pub(super) snapshots: Option<Serial>,
    /// The part holding the evidence library (absent while it is empty, and in maps stored
    /// before it existed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) evidence: Option<Serial>,
    /// The part holding the relationships (absent while there are none, and in maps stored
    /// before they existed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) relationships: Option<Serial>,
}

/// How many buckets `count` stakeholders are spread over, keeping `current` while it still
/// suits, so adding and removing one person near a boundary does not rewrite everything.
pub fn bucket_count(count: usize, current: Option<u32>) -> u32 {
    if let Some(current) = current.filter(|c| c.is_power_of_two() && *c <= MAX_BUCKETS) {
        let per = count / current as usize;
        let too_few = current > 1 && per < PER_BUCKET / 4;
        let too_many = current < MAX_BUCKETS && per > PER_BUCKET * 2;
        if !too_few && !too_many {
            return current;
        }
    }
    let wanted = count.div_ceil(PER_BUCKET).max(1);
    let wanted = u32::try_from(wanted).unwrap_or(MAX_BUCKETS);
    wanted.next_power_of_two().min(MAX_BUCKETS)
}

/// The bucket a stakeholder's records go in.
pub fn bucket_of(id: StakeholderId, buckets: u32) -> u32 {
    let bytes = id.0.as_bytes();
    u32::from(u16::from_be_bytes([bytes[14], bytes[15]])) % buckets.max(1)
}

/// The records of one bucket, borrowed from the map.
#[derive(Default)]
pub(super) struct BucketRefs<'a> {
    stakeholders: Vec<&'a Stakeholder>,
    actions: Vec<&'a Action>,
    touchpoints: Vec<&'a Touchpoint>,
}

/// The records of one bucket as last written.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct BucketCopy {
    stakeholders: Vec<Stakeholder>,
    actions: Vec<Action>,
    touchpoints: Vec<Touchpoint>,
}

fn same<T: PartialEq>(now: &[&T], then: &[T]) -> bool {
    now.len() == then.len() && now.iter().zip(then).all(|(a, b)| *a == b)
}

impl BucketRefs<'_> {
    pub(super) fn same_as(&self, copy: &BucketCopy) -> bool {
        same(&self.stakeholders, &copy.stakeholders)
            && same(&self.actions, &copy.actions)
            && same(&self.touchpoints, &copy.touchpoints)
    }

    pub(super) fn copy(&self) -> BucketCopy {
        BucketCopy {
            stakeholders: self.stakeholders.iter().map(|s| (*s).clone()).collect(),
            actions: self.actions.iter().map(|a| (*a).clone()).collect(),
            touchpoints: self.touchpoints.iter().map(|t| (*t).clone()).collect(),
        }
    }

    pub(super) fn encode(&self) -> String {
        #[derive(Serialize)]
        struct Out<'a> {
            stakeholders: Vec<crate::format::write::StakeholderOut<'a>>,
            actions: Vec<crate::format::write::ActionOut<'a>>,
            touchpoints: Vec<crate::format::write::TouchpointOut<'a>>,
        }
        squeeze_json(&Out {
            stakeholders: self
                .stakeholders
                .iter()
                .map(|s| stakeholder_out(s))
                .collect(),
            actions: self.actions.iter().map(|a| action_out(a)).collect(),
            touchpoints: self.touchpoints.iter().map(|t| touchpoint_out(t)).collect(),
        })
    }
}

/// The map's records, cut into `buckets` buckets.
pub(super) fn buckets_of(map: &StakeMap, buckets: u32) -> Vec<BucketRefs<'_>> {
    let mut out: Vec<BucketRefs<'_>> = (0..buckets).map(|_| BucketRefs::default()).collect();
    let slot = |id: StakeholderId| bucket_of(id, buckets) as usize;
    for s in map.stakeholders() {
        out[slot(s.id)].stakeholders.push(s);
    }
    for a in map.actions() {
        out[slot(a.stakeholder)].actions.push(a);
    }
    for t in map.touchpoints() {
        out[slot(t.stakeholder)].touchpoints.push(t);
    }
    out
}
