//! Merging a colleague's copy of a map into mine.
//!
//! Maps travel by e-mail, so two people often edit copies of the same map (same map id) and one
//! of them brings the other's work back. [`MergePreview::between`] lists what differs, field by
//! field, before anything changes; [`merge`] builds the merged map from the user's choices.
//!
//! Why it is built this way:
//! - Records merge **by id**: an action, contact or snapshot present in both copies appears once.
//!   For one that differs, the copy changed last (`updated_at`) wins.
//! - A stakeholder present in only one copy is kept: an absence is not a deletion, because the
//!   file carries no record of deletions. The user may still drop such people in the preview.
//! - For a stakeholder changed in both, each differing field is a choice, preselected from the
//!   newer copy. The position's age comes from the history (the last recorded move), so a move
//!   in one copy and a note in the other both survive.
//! - The result does not depend on which copy is "mine": ties are broken by content, and the
//!   merged records are put in a canonical order (creation time, then id). Merging independent
//!   edits in either order gives the same map.

use super::action::Action;
use super::fields::{field, FieldSpec, Fields, Kind, Merge};
use super::history::{HistoryPoint, MoveSource, Snapshot};
use super::ids::StakeholderId;
use super::map::StakeMap;
use super::patch::history_key;
use super::relationship::Relationship;
use super::stakeholder::{Stakeholder, StakeholderFields};
use super::time::Timestamp;
use super::touchpoint::Touchpoint;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fmt::Debug;

/// One part of a stakeholder that can differ between two copies: the key of a field in
/// [`StakeholderFields`]' table whose merge rule is [`Merge::Choose`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MergeField(pub &'static str);

impl MergeField {
    /// Every field the preview offers, in the order it shows them.
    pub fn all() -> impl Iterator<Item = MergeField> {
        StakeholderFields::FIELDS
            .iter()
            .filter(|f| f.merge == Merge::Choose)
            .map(|f| MergeField(f.key))
    }

    fn spec(self) -> Option<&'static FieldSpec<StakeholderFields>> {
        field::<StakeholderFields>(self.0)
    }

    /// The field's key in files.
    pub fn key(self) -> &'static str {
        self.0
    }

    /// The field's label in the preview.
    pub fn label(self) -> &'static str {
        self.spec().map_or(self.0, |f| f.label)
    }

    /// The field's value as the preview shows it.
    pub fn show(self, f: &StakeholderFields) -> String {
        self.spec().map(|spec| spec.show(f)).unwrap_or_default()
    }

    fn differs(self, a: &StakeholderFields, b: &StakeholderFields) -> bool {
        self.spec().is_some_and(|f| (f.get)(a) != (f.get)(b))
    }

    fn copy(self, from: &StakeholderFields, to: &mut StakeholderFields) {
        if let Some(f) = self.spec() {
            (f.set)(to, (f.get)(from).into_owned());
        }
    }
}

/// One field that differs: my value and theirs, as shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldDiff {
    /// Which field.
    pub field: MergeField,
    /// My value.
    pub mine: String,
    /// Their value.
    pub theirs: String,
    /// True when their copy of this field is the newer one (and so preselected).
    pub theirs_newer: bool,
}

/// A stakeholder in both copies whose fields differ.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChangedStakeholder {
    /// Who.
    pub id: StakeholderId,
    /// Their name in my copy.
    pub name: String,
    /// The fields that differ.
    pub fields: Vec<FieldDiff>,
}

/// Someone in only one of the copies.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OneSided {
    /// Who.
    pub id: StakeholderId,
    /// Their name.
    pub name: String,
}

/// What a merge would change, shown before anything changes.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct MergePreview {
    /// In their file, not in my map: added unless the user skips them.
    pub added: Vec<OneSided>,
    /// In my map, not in their file: kept unless the user removes them.
    pub missing: Vec<OneSided>,
    /// In both, with differences.
    pub changed: Vec<ChangedStakeholder>,
    /// Actions only in their file.
    pub new_actions: usize,
    /// Actions in both that differ (the newer is kept).
    pub updated_actions: usize,
    /// Contacts only in their file.
    pub new_touchpoints: usize,
    /// Snapshots only in their file.
    pub new_snapshots: usize,
    /// History points only in their file.
    pub new_history: usize,
    /// Items of evidence only in their file.
    pub new_evidence: usize,
    /// Items of evidence in both that differ (the newer is kept).
    pub updated_evidence: usize,
    /// Relationships only in their file, not saying what one of mine says.
    pub new_relationships: usize,
    /// Relationships in both that differ (the newer is kept).
    pub updated_relationships: usize,
    /// The map's name, when the copies call it differently: (mine, theirs, theirs is newer).
    pub map_name: Option<(String, String, bool)>,
}

/// The user's decisions in the preview.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct MergeChoices {
    /// Fields where their value is taken (every other differing field keeps mine).
    pub take_theirs: BTreeSet<(StakeholderId, MergeField)>,
    /// People missing from their file whom the user chose to remove.
    pub remove_missing: BTreeSet<StakeholderId>,
    /// People new in their file whom the user chose not to add.
    pub skip_added: BTreeSet<StakeholderId>,
    /// True to take their name for the map.
    pub take_their_name: bool,
}

/// One either-or decision in the preview: a stakeholder's field, or the map's name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MergeDecision {
    /// One field of one stakeholder.
    Field(StakeholderId, MergeField),
    /// The map's name.
    MapName,
}

impl MergeChoices {
    /// True when their value is taken for `decision`.
    pub fn takes_theirs(&self, decision: MergeDecision) -> bool {
        match decision {
            MergeDecision::Field(id, field) => self.take_theirs.contains(&(id, field)),
            MergeDecision::MapName => self.take_their_name,
        }
    }

    /// Takes their value (or keeps mine) for `decision`.
    pub fn set_theirs(&mut self, decision: MergeDecision, theirs: bool) {
        match decision {
            MergeDecision::Field(id, field) if theirs => {
                self.take_theirs.insert((id, field));
            }
            MergeDecision::Field(id, field) => {
                self.take_theirs.remove(&(id, field));
            }
            MergeDecision::MapName => self.take_their_name = theirs,
        }
    }
}

impl MergePreview {
    /// Compares my map with theirs.
    pub fn between(mine: &StakeMap, theirs: &StakeMap) -> Self {
        let mut preview = MergePreview::default();
        let (my_moves, their_moves) = (last_moves(mine.history()), last_moves(theirs.history()));
        for t in theirs.stakeholders() {
            match mine.get(t.id) {
                None => preview.added.push(OneSided {
                    id: t.id,
                    name: t.name().to_owned(),
                }),
                Some(m) => {
                    let fields: Vec<FieldDiff> = MergeField::all()
                        .filter(|f| f.differs(&m.fields, &t.fields))
                        .map(|field| FieldDiff {
                            field,
                            mine: field.show(&m.fields),
                            theirs: field.show(&t.fields),
                            theirs_newer: theirs_newer((&my_moves, m), (&their_moves, t), field),
                        })
                        .collect();
                    if !fields.is_empty() {
                        preview.changed.push(ChangedStakeholder {
                            id: t.id,
                            name: m.name().to_owned(),
                            fields,
                        });
                    }
                }
            }
        }
        preview.missing = mine
            .stakeholders()
            .filter(|m| !theirs.contains(m.id))
            .map(|m| OneSided {
                id: m.id,
                name: m.name().to_owned(),
            })
            .collect();
        for a in theirs.actions() {
            match mine.action(a.id) {
                None => preview.new_actions += 1,
                Some(m) if m != a => preview.updated_actions += 1,
                Some(_) => {}
            }
        }
        for e in theirs.evidence() {
            match mine.evidence_item(e.id) {
                None => preview.new_evidence += 1,
                // Counted only when theirs wins: an older copy of an item changes nothing.
                Some(m) if m != e && std::ptr::eq(newer(m, e, |x| x.updated_at), e) => {
                    preview.updated_evidence += 1
                }
                Some(_) => {}
            }
        }
        let my_sayings: HashSet<_> = mine
            .relationships()
            .flat_map(Relationship::sayings)
            .collect();
        for r in theirs.relationships() {
            match mine.relationship(r.id) {
                // Said already in my copy (recorded by both of us): kept once, not new.
                None if r.sayings().iter().any(|k| my_sayings.contains(k)) => {}
                None => preview.new_relationships += 1,
                Some(m) if m != r => preview.updated_relationships += 1,
                Some(_) => {}
            }
        }
        let my_touchpoints: HashSet<_> = mine.touchpoints().map(|t| t.id).collect();
        preview.new_touchpoints = theirs
            .touchpoints()
            .filter(|t| !my_touchpoints.contains(&t.id))
            .count();
        preview.new_snapshots = theirs
            .snapshots()
            .iter()
            .filter(|s| mine.snapshot(s.id).is_none())
            .count();
        let my_history: HashSet<_> = mine.history().iter().map(history_key).collect();
        preview.new_history = theirs
            .history()
            .iter()
            .filter(|p| !my_history.contains(&history_key(p)))
            .count();
        if mine.name != theirs.name {
            preview.map_name = Some((
                mine.name.clone(),
                theirs.name.clone(),
                newer_map(mine, theirs),
            ));
        }
        preview
    }

    /// The preselected choices: the newer value of every differing field, everyone kept.
    pub fn default_choices(&self) -> MergeChoices {
        MergeChoices {
            take_theirs: self
                .changed
                .iter()
                .flat_map(|c| {
                    c.fields
                        .iter()
                        .filter(|f| f.theirs_newer)
                        .map(move |f| (c.id, f.field))
                })
                .collect(),
            take_their_name: self.map_name.as_ref().is_some_and(|n| n.2),
            ..MergeChoices::default()
        }
    }

    /// True when their file holds nothing my map lacks.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty()
            && self.changed.is_empty()
            && self.new_actions == 0
            && self.updated_actions == 0
            && self.new_touchpoints == 0
            && self.new_snapshots == 0
            && self.new_history == 0
            && self.new_evidence == 0
            && self.updated_evidence == 0
            && self.new_relationships == 0
            && self.updated_relationships == 0
            && self.map_name.is_none()
    }
}

/// When a field of a stakeholder last changed in one copy: the last recorded move for the
/// position, the record's own time for the rest.
fn changed_at(last_moves: &LastMoves, s: &Stakeholder, field: MergeField) -> Timestamp {
    match last_moves.get(&s.id) {
        Some((at, _))
            if field
                .spec()
                .is_some_and(|f| matches!(f.kind, Kind::Position)) =>
        {
            *at
        }
        _ => s.updated_at,
    }
}

/// Each stakeholder's last recorded move (time and position), in one pass over the history.
type LastMoves = HashMap<StakeholderId, (Timestamp, super::stakeholder::Position)>;

fn last_moves<'a>(history: impl IntoIterator<Item = &'a HistoryPoint>) -> LastMoves {
    let mut last = LastMoves::new();
    for p in history {
        // `>=`: of two points at the same time, the later one in the list counts.
        match last.get(&p.stakeholder) {
            Some((at, _)) if *at > p.at => {}
            _ => {
                last.insert(p.stakeholder, (p.at, p.position));
            }
        }
    }
    last
}

fn theirs_newer(
    (mine, m): (&LastMoves, &Stakeholder),
    (theirs, t): (&LastMoves, &Stakeholder),
    field: MergeField,
) -> bool {
    let (a, b) = (changed_at(mine, m, field), changed_at(theirs, t, field));
    b > a || (b == a && later_by_content(&t.fields, &m.fields))
}

/// A tie-break that depends only on the two values, never on which copy is mine: their
/// content, field by field in declaration order.
fn later_by_content<T: Ord>(a: &T, b: &T) -> bool {
    a > b
}

/// Of two versions of a record with the same id, the one changed last (ties broken by content).
fn newer<'a, T: Ord>(a: &'a T, b: &'a T, at: impl Fn(&T) -> Timestamp) -> &'a T {
    match at(a).cmp(&at(b)) {
        std::cmp::Ordering::Greater => a,
        std::cmp::Ordering::Less => b,
        std::cmp::Ordering::Equal if later_by_content(b, a) => b,
        std::cmp::Ordering::Equal => a,
    }
}

/// Unites two lists of records by id, keeping the newer version of each (in id order; callers
/// put them in their canonical order).
fn unite<K: Ord + Copy, T: Clone + Ord>(
    mine: impl Iterator<Item = T>,
    theirs: impl Iterator<Item = T>,
    key: impl Fn(&T) -> K,
    at: impl Fn(&T) -> Timestamp + Copy,
) -> Vec<T> {
    let mut by_id: BTreeMap<K, T> = BTreeMap::new();
    for record in mine.chain(theirs) {
        let k = key(&record);
        let keep = match by_id.get(&k) {
            Some(existing) => newer(existing, &record, at).clone(),
            None => record,
        };
        by_id.insert(k, keep);
    }
    by_id.into_values().collect()
}

/// Builds the merged map: my map's identity, both copies' content, the user's choices.
/// `at` is when the merge happens; it stamps the map and any move the merge makes.
pub fn merge(
    mine: &StakeMap,
    theirs: &StakeMap,
    choices: &MergeChoices,
    at: Timestamp,
) -> StakeMap {
    let mut people: Vec<Stakeholder> = Vec::new();
    let mut merge_moves: Vec<HistoryPoint> = Vec::new();
    for m in mine.stakeholders() {
        match theirs.get(m.id) {
            None if choices.remove_missing.contains(&m.id) => {}
            None => people.push(m.clone()),
            Some(t) => {
                let mut fields = m.fields.clone();
                for field in MergeField::all() {
                    if field.differs(&m.fields, &t.fields)
                        && choices.take_theirs.contains(&(m.id, field))
                    {
                        field.copy(&t.fields, &mut fields);
                    }
                }
                people.push(Stakeholder {
                    id: m.id,
                    fields,
                    created_at: m.created_at.min(t.created_at),
                    updated_at: m.updated_at.max(t.updated_at),
                });
            }
        }
    }
    for t in theirs.stakeholders() {
        if !mine.contains(t.id) && !choices.skip_added.contains(&t.id) {
            people.push(t.clone());
        }
    }
    crate::sort::by_key(&mut people, |s| (s.created_at, s.id));
    let kept: HashSet<StakeholderId> = people.iter().map(|s| s.id).collect();

    let mut actions: Vec<Action> = unite(
        mine.actions().cloned(),
        theirs.actions().cloned(),
        |a| a.id,
        |a| a.updated_at,
    )
    .into_iter()
    .filter(|a| kept.contains(&a.stakeholder))
    .collect();
    crate::sort::by_key(&mut actions, |a| (a.created_at, a.id));
    let mut touchpoints: Vec<Touchpoint> = unite(
        mine.touchpoints().cloned(),
        theirs.touchpoints().cloned(),
        |t| t.id,
        |t| t.created_at,
    )
    .into_iter()
    .filter(|t| kept.contains(&t.stakeholder))
    .collect();
    crate::sort::by_key(&mut touchpoints, |t| (t.created_at, t.id));
    let mut snapshots: Vec<Snapshot> = unite(
        mine.snapshots().iter().cloned(),
        theirs.snapshots().iter().cloned(),
        |s| s.id,
        |s| s.taken_at,
    );
    crate::sort::by_key(&mut snapshots, |s| (s.taken_at, s.id));
    // The library by id, the copy changed last winning, in the order the items were added.
    let mut evidence = unite(
        mine.evidence().cloned(),
        theirs.evidence().cloned(),
        |e| e.id,
        |e| e.updated_at,
    );
    crate::sort::by_key(&mut evidence, |e| (e.created_at, e.id));
    // Relationships likewise; one between people the merge leaves out goes with them.
    let mut relationships = unite(
        mine.relationships().cloned(),
        theirs.relationships().cloned(),
        |r| r.id,
        |r| r.updated_at,
    );
    crate::sort::by_key(&mut relationships, |r| (r.created_at, r.id));
    let relationships = super::relationship::said_once(relationships);

    let mut history: Vec<HistoryPoint> = mine
        .history()
        .iter()
        .chain(theirs.history())
        .copied()
        .collect();
    crate::sort::by_key(&mut history, history_key);
    history.dedup_by_key(|p| history_key(p));
    // Where the merged position is not the last recorded one (an older value was chosen), the
    // history says so, so that replay and reports end where the map is.
    let last = last_moves(&history);
    for s in &people {
        if last.get(&s.id).is_some_and(|(_, p)| *p != s.position()) {
            merge_moves.push(HistoryPoint {
                stakeholder: s.id,
                at,
                position: s.position(),
                source: MoveSource::Merge,
            });
        }
    }
    history.extend(merge_moves);

    let name = if choices.take_their_name {
        theirs.name.clone()
    } else {
        mine.name.clone()
    };
    let mut merged = StakeMap::from_parts(
        mine.id,
        name,
        mine.created_at.min(theirs.created_at),
        at,
        people,
        actions,
        touchpoints,
    )
    .with_history(history, snapshots)
    .with_evidence(evidence)
    .with_relationships(relationships);
    merged.redacted = mine.redacted || theirs.redacted;
    merged.positions_left_out = mine.positions_left_out || theirs.positions_left_out;
    merged
}

fn newer_map(mine: &StakeMap, theirs: &StakeMap) -> bool {
    theirs.updated_at > mine.updated_at
        || (theirs.updated_at == mine.updated_at && theirs.name > mine.name)
}

/// A name as people are matched by it across copies and sheets: without case or outer spaces.
pub fn name_key(name: &str) -> String {
    name.trim().to_lowercase()
}

/// Each name on `map` (as [`name_key`] compares it) with the one person it names, or `None`
/// when several people share it: how copies and sheets find who is already there.
pub fn people_by_name(map: &StakeMap) -> BTreeMap<String, Option<StakeholderId>> {
    let mut by_name: BTreeMap<String, Option<StakeholderId>> = BTreeMap::new();
    for s in map.stakeholders() {
        by_name
            .entry(name_key(s.name()))
            .and_modify(|e| *e = None)
            .or_insert(Some(s.id));
    }
    by_name
}

/// Their map keyed to mine, for merging a file that is not a copy of my map (the user chose
/// "merge into this map"): it takes my map's id, and each of their stakeholders whose id I do
/// not have, but whose name matches exactly one of mine (ignoring case and outer spaces), takes
/// my stakeholder's id, so the same person is compared rather than added twice.
pub fn aligned_to(mine: &StakeMap, theirs: &StakeMap) -> StakeMap {
    let key = name_key;
    let mine_by_name = people_by_name(mine);
    let mut renamed: BTreeMap<StakeholderId, StakeholderId> = BTreeMap::new();
    let mut taken: HashSet<StakeholderId> = HashSet::new();
    for s in theirs.stakeholders() {
        if mine.contains(s.id) {
            taken.insert(s.id);
        }
    }
    for s in theirs.stakeholders().filter(|s| !mine.contains(s.id)) {
        if let Some(Some(my_id)) = mine_by_name.get(&key(s.name())) {
            if taken.insert(*my_id) {
                renamed.insert(s.id, *my_id);
            }
        }
    }
    let re = |id: StakeholderId| renamed.get(&id).copied().unwrap_or(id);
    let people = theirs
        .stakeholders()
        .map(|s| Stakeholder {
            id: re(s.id),
            ..s.clone()
        })
        .collect();
    let actions = theirs
        .actions()
        .map(|a| Action {
            stakeholder: re(a.stakeholder),
            ..a.clone()
        })
        .collect();
    let touchpoints = theirs
        .touchpoints()
        .map(|t| Touchpoint {
            stakeholder: re(t.stakeholder),
            ..t.clone()
        })
        .collect();
    let history = theirs
        .history()
        .iter()
        .map(|p| HistoryPoint {
            stakeholder: re(p.stakeholder),
            ..*p
        })
        .collect();
    let snapshots = theirs
        .snapshots()
        .iter()
        .map(|snap| {
            let mut snap = snap.clone();
            for e in &mut snap.entries {
                e.stakeholder = re(e.stakeholder);
            }
            snap
        })
        .collect();
    let mut out = StakeMap::from_parts(
        mine.id,
        theirs.name.clone(),
        theirs.created_at,
        theirs.updated_at,
        people,
        actions,
        touchpoints,
    )
    .with_history(history, snapshots)
    .with_evidence(theirs.evidence().cloned().collect())
    .with_relationships(
        theirs
            .relationships()
            .map(|r| Relationship {
                from: re(r.from),
                to: re(r.to),
                ..r.clone()
            })
            .collect(),
    );
    out.redacted = theirs.redacted;
    out.positions_left_out = theirs.positions_left_out;
    out
}
