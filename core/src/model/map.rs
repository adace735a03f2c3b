//! One stakeholder map: its name, its stakeholders, and their plan (actions) and contact log
//! (touchpoints), each in the order they were added.

use super::action::Action;
use super::cadence::ContactStatus;
use super::evidence::{Evidence, EvidenceMatch};
use super::history::{
    position_at, record, Comparison, HistoryPoint, Movement, Snapshot, SnapshotEntry,
};
use super::ids::{
    ActionId, EvidenceId, MapId, RelationshipId, SnapshotId, StakeholderId, TouchpointId,
};
use super::network::{Network, Node};
use super::playbook::{
    suggest, EvidenceItem, PastAction, PlanState, SuggestInput, Suggestion, Tactic,
};
use super::relationship::Relationship;
use super::stakeholder::{Position, Quadrant, Stakeholder};
use super::time::{LocalDate, Timestamp};
use super::touchpoint::Touchpoint;
use indexmap::IndexMap;
use std::collections::HashMap;
use uuid::Uuid;

/// What needs a user's attention for one stakeholder.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Attention {
    /// Actions planned or in progress.
    pub open_actions: usize,
    /// Open actions past their due date.
    pub overdue_actions: usize,
    /// Where they stand on contact.
    pub contact: ContactStatus,
}

impl Attention {
    /// True when a badge belongs on their marker.
    pub fn needs_badge(&self) -> bool {
        self.overdue_actions > 0 || self.contact.is_overdue()
    }

    /// The words added to the marker's accessible name, e.g. "1 overdue action, contact overdue
    /// by 5 days"; empty when nothing is overdue.
    pub fn words(&self) -> String {
        let mut parts = Vec::new();
        match self.overdue_actions {
            0 => {}
            1 => parts.push("1 overdue action".to_owned()),
            n => parts.push(format!("{n} overdue actions")),
        }
        match self.contact.days_overdue {
            0 => {}
            1 => parts.push("contact overdue by 1 day".to_owned()),
            n => parts.push(format!("contact overdue by {n} days")),
        }
        parts.join(", ")
    }
}

/// A map of stakeholders. Lookups by id are constant time; iteration keeps insertion order, which
/// is also the order written to files.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StakeMap {
    /// Stable identity, kept across export and import.
    pub id: MapId,
    /// What the user calls the map.
    pub name: String,
    /// When the map was created.
    pub created_at: Timestamp,
    /// When anything on it last changed.
    pub updated_at: Timestamp,
    /// True for a copy made for sharing outside the core team: names are codes or initials and
    /// free-text notes were removed (see `redact`).
    pub redacted: bool,
    /// True for a redacted copy made without positions: everyone stands at the middle, which
    /// says nothing about them, so quadrants are not shown as if it did.
    pub positions_left_out: bool,
    stakeholders: IndexMap<StakeholderId, Stakeholder>,
    actions: IndexMap<ActionId, Action>,
    touchpoints: IndexMap<TouchpointId, Touchpoint>,
    evidence: IndexMap<EvidenceId, Evidence>,
    relationships: IndexMap<RelationshipId, Relationship>,
    history: Vec<HistoryPoint>,
    snapshots: Vec<Snapshot>,
}

impl StakeMap {
    /// An empty map.
    pub fn new(id: MapId, name: impl Into<String>, at: Timestamp) -> Self {
        Self {
            id,
            name: name.into(),
            created_at: at,
            updated_at: at,
            redacted: false,
            positions_left_out: false,
            stakeholders: IndexMap::new(),
            actions: IndexMap::new(),
            touchpoints: IndexMap::new(),
            evidence: IndexMap::new(),
            relationships: IndexMap::new(),
            history: Vec::new(),
            snapshots: Vec::new(),
        }
    }

    /// The stakeholders, in insertion order.
    pub fn stakeholders(&self) -> impl ExactSizeIterator<Item = &Stakeholder> + '_ {
        self.stakeholders.values()
    }

    /// Ids in insertion order.
    pub fn stakeholder_ids(&self) -> Vec<StakeholderId> {
        self.stakeholders.keys().copied().collect()
    }

    /// How many stakeholders the map has.
    pub fn len(&self) -> usize {
        self.stakeholders.len()
    }

    /// True when the map has no stakeholders.
    pub fn is_empty(&self) -> bool {
        self.stakeholders.is_empty()
    }

    /// One stakeholder by id.
    pub fn get(&self, id: StakeholderId) -> Option<&Stakeholder> {
        self.stakeholders.get(&id)
    }

    pub(crate) fn get_mut(&mut self, id: StakeholderId) -> Option<&mut Stakeholder> {
        self.stakeholders.get_mut(&id)
    }

    /// True when a stakeholder with this id is on the map.
    pub fn contains(&self, id: StakeholderId) -> bool {
        self.stakeholders.contains_key(&id)
    }

    /// Adds a stakeholder at the end; returns false (and changes nothing) if the id is taken.
    pub(crate) fn insert(&mut self, stakeholder: Stakeholder) -> bool {
        if self.stakeholders.contains_key(&stakeholder.id) {
            return false;
        }
        self.stakeholders.insert(stakeholder.id, stakeholder);
        true
    }

    /// Removes a stakeholder with their actions, touchpoints and relationships, keeping the
    /// order of the rest.
    pub(crate) fn remove(&mut self, id: StakeholderId) -> Option<Stakeholder> {
        let removed = self.stakeholders.shift_remove(&id)?;
        self.actions.retain(|_, a| a.stakeholder != id);
        self.relationships.retain(|_, r| !r.involves(id));
        self.touchpoints.retain(|_, t| t.stakeholder != id);
        self.history.retain(|p| p.stakeholder != id);
        Some(removed)
    }

    // ----- putting records back where they were (undo, merges: see `patch`) -----

    /// Where a stakeholder stands in the map's order.
    pub(crate) fn stakeholder_index(&self, id: StakeholderId) -> Option<usize> {
        self.stakeholders.get_index_of(&id)
    }

    /// Puts a stakeholder at `index` of the order (the end when past it), so someone put back
    /// returns to their place in lists and files; false (nothing changes) if the id is taken.
    pub(crate) fn insert_at(&mut self, index: usize, stakeholder: Stakeholder) -> bool {
        if self.stakeholders.contains_key(&stakeholder.id) {
            return false;
        }
        let index = index.min(self.stakeholders.len());
        self.stakeholders
            .shift_insert(index, stakeholder.id, stakeholder);
        true
    }

    /// Puts an action at `index` of the plan's order (the end when past it); false (nothing
    /// changes) if its id is taken or its stakeholder missing.
    pub(crate) fn insert_action_at(&mut self, index: usize, action: Action) -> bool {
        if self.actions.contains_key(&action.id) || !self.contains(action.stakeholder) {
            return false;
        }
        let index = index.min(self.actions.len());
        self.actions.shift_insert(index, action.id, action);
        true
    }

    /// Puts a touchpoint at `index` of the log's order (the end when past it); false (nothing
    /// changes) if its id is taken or its stakeholder missing.
    pub(crate) fn insert_touchpoint_at(&mut self, index: usize, touchpoint: Touchpoint) -> bool {
        if self.touchpoints.contains_key(&touchpoint.id) || !self.contains(touchpoint.stakeholder) {
            return false;
        }
        let index = index.min(self.touchpoints.len());
        self.touchpoints
            .shift_insert(index, touchpoint.id, touchpoint);
        true
    }

    /// One touchpoint by id.
    pub fn touchpoint(&self, id: TouchpointId) -> Option<&Touchpoint> {
        self.touchpoints.get(&id)
    }

    pub(crate) fn touchpoint_mut(&mut self, id: TouchpointId) -> Option<&mut Touchpoint> {
        self.touchpoints.get_mut(&id)
    }

    /// Puts a history point back at `index` when it fits the time order there, otherwise after
    /// the last point not later than it, so the history stays oldest first whatever happened
    /// since. False (nothing changes) when its stakeholder is not on the map.
    pub(crate) fn insert_history_at(&mut self, index: usize, point: HistoryPoint) -> bool {
        if !self.contains(point.stakeholder) {
            return false;
        }
        let h = &self.history;
        let fits = index <= h.len()
            && (index == 0 || h[index - 1].at <= point.at)
            && h.get(index).is_none_or(|next| point.at <= next.at);
        let index = if fits {
            index
        } else {
            h.partition_point(|p| p.at <= point.at)
        };
        self.history.insert(index, point);
        true
    }

    /// Removes one history point: the one at `index` if it `matches`, otherwise the last one
    /// that does (earlier removals may have shifted it). False when none matches.
    pub(crate) fn remove_history_point(
        &mut self,
        index: usize,
        matches: impl Fn(&HistoryPoint) -> bool,
    ) -> bool {
        let found = match self.history.get(index) {
            Some(p) if matches(p) => Some(index),
            _ => self.history.iter().rposition(&matches),
        };
        match found {
            Some(i) => {
                self.history.remove(i);
                true
            }
            None => false,
        }
    }

    // ----- history and snapshots -----

    /// Every recorded position, oldest first.
    pub fn history(&self) -> &[HistoryPoint] {
        &self.history
    }

    /// One stakeholder's recorded positions, oldest first.
    pub fn history_for(&self, id: StakeholderId) -> Vec<HistoryPoint> {
        self.history
            .iter()
            .filter(|p| p.stakeholder == id)
            .copied()
            .collect()
    }

    /// Records a position (folding quick successive map moves together).
    pub(crate) fn record(&mut self, point: HistoryPoint) {
        record(&mut self.history, point);
    }

    /// Where everyone on the map now was at `at` (those not yet placed then are left out).
    pub fn positions_at(&self, at: Timestamp) -> Vec<(StakeholderId, Position)> {
        self.stakeholders()
            .filter_map(|s| position_at(&self.history, s.id, at).map(|p| (s.id, p)))
            .collect()
    }

    /// The snapshots, oldest first.
    pub fn snapshots(&self) -> &[Snapshot] {
        &self.snapshots
    }

    /// One snapshot.
    pub fn snapshot(&self, id: SnapshotId) -> Option<&Snapshot> {
        self.snapshots.iter().find(|s| s.id == id)
    }

    /// The map as it is now, as a snapshot.
    pub fn capture(&self, id: SnapshotId, name: impl Into<String>, at: Timestamp) -> Snapshot {
        Snapshot {
            id,
            name: name.into(),
            taken_at: at,
            entries: self
                .stakeholders()
                .map(|s| SnapshotEntry {
                    stakeholder: s.id,
                    name: s.name().to_owned(),
                    position: s.position(),
                })
                .collect(),
        }
    }

    pub(crate) fn insert_snapshot(&mut self, snapshot: Snapshot) -> bool {
        if self.snapshot(snapshot.id).is_some() {
            return false;
        }
        let at = self
            .snapshots
            .iter()
            .position(|s| s.taken_at > snapshot.taken_at)
            .unwrap_or(self.snapshots.len());
        self.snapshots.insert(at, snapshot);
        true
    }

    pub(crate) fn remove_snapshot(&mut self, id: SnapshotId) -> Option<Snapshot> {
        let i = self.snapshots.iter().position(|s| s.id == id)?;
        Some(self.snapshots.remove(i))
    }

    pub(crate) fn snapshot_mut(&mut self, id: SnapshotId) -> Option<&mut Snapshot> {
        self.snapshots.iter_mut().find(|s| s.id == id)
    }

    /// Sets a snapshot against the map now: who moved, who stayed, who was added or removed.
    pub fn compare(&self, snapshot: &Snapshot) -> Comparison {
        let mut out = Comparison::default();
        let then: HashMap<StakeholderId, &SnapshotEntry> = snapshot
            .entries
            .iter()
            .map(|e| (e.stakeholder, e))
            .collect();
        for s in self.stakeholders() {
            let movement = Movement {
                stakeholder: s.id,
                name: s.name().to_owned(),
                from: then.get(&s.id).map(|e| e.position),
                to: Some(s.position()),
            };
            match movement.from {
                None => out.added.push(movement),
                Some(from) if from != s.position() => out.moved.push(movement),
                Some(_) => out.unchanged.push(movement),
            }
        }
        for e in &snapshot.entries {
            if !self.contains(e.stakeholder) {
                out.removed.push(Movement {
                    stakeholder: e.stakeholder,
                    name: e.name.clone(),
                    from: Some(e.position),
                    to: None,
                });
            }
        }
        out
    }

    // ----- actions -----

    /// Every action, in the order planned.
    pub fn actions(&self) -> impl ExactSizeIterator<Item = &Action> + '_ {
        self.actions.values()
    }

    /// One action by id.
    pub fn action(&self, id: ActionId) -> Option<&Action> {
        self.actions.get(&id)
    }

    pub(crate) fn action_mut(&mut self, id: ActionId) -> Option<&mut Action> {
        self.actions.get_mut(&id)
    }

    /// One stakeholder's actions, open ones first, then by due date (undated last).
    pub fn actions_for(&self, id: StakeholderId) -> Vec<&Action> {
        let mut list: Vec<&Action> = self.actions().filter(|a| a.stakeholder == id).collect();
        crate::sort::by_key(&mut list, |a| {
            (
                !a.fields.status.is_open(),
                a.fields.due.is_none(),
                a.fields.due,
                a.created_at,
            )
        });
        list
    }

    /// Adds an action; false (nothing changes) if its id is taken or its stakeholder missing.
    pub(crate) fn insert_action(&mut self, action: Action) -> bool {
        if self.actions.contains_key(&action.id) || !self.contains(action.stakeholder) {
            return false;
        }
        self.actions.insert(action.id, action);
        true
    }

    pub(crate) fn remove_action(&mut self, id: ActionId) -> Option<Action> {
        self.actions.shift_remove(&id)
    }

    /// True when the stakeholder has an action planned or in progress.
    pub fn has_open_action(&self, id: StakeholderId) -> bool {
        self.actions()
            .any(|a| a.stakeholder == id && a.fields.status.is_open())
    }

    /// How many of the stakeholder's actions are overdue on `today`.
    pub fn overdue_actions(&self, id: StakeholderId, today: LocalDate) -> usize {
        self.actions()
            .filter(|a| a.stakeholder == id && a.is_overdue(today))
            .count()
    }

    /// Whether a tactic is in the stakeholder's plan (done beats planned; dropped is ignored).
    pub fn plan_state(&self, id: StakeholderId, tactic: Tactic) -> PlanState {
        let mut state = PlanState::Open;
        for a in self.actions() {
            if a.stakeholder != id || a.fields.tactic != Some(tactic) {
                continue;
            }
            match a.fields.status {
                super::action::ActionStatus::Done => return PlanState::Done,
                s if s.is_open() => state = PlanState::Planned,
                _ => {}
            }
        }
        state
    }

    /// Ranked playbook suggestions for a stakeholder (see `playbook`): their causes, position,
    /// cares and notes, their actions and position history. `today` and `utc_offset_minutes`
    /// place their actions on the user's calendar. No program evidence is passed yet.
    pub fn suggestions(
        &self,
        id: StakeholderId,
        today: LocalDate,
        utc_offset_minutes: i32,
    ) -> Vec<Suggestion> {
        let Some(s) = self.get(id) else {
            return Vec::new();
        };
        let history = self.history_for(id);
        let actions = self
            .actions()
            .filter(|a| a.stakeholder == id)
            .filter_map(|a| {
                a.fields.tactic.map(|tactic| PastAction {
                    tactic,
                    status: a.fields.status,
                    changed_at: a.updated_at,
                    changed_on: a.updated_at.local_date(utc_offset_minutes),
                    outcome: &a.fields.outcome,
                })
            })
            .collect();
        // The library as the engine reads it, with what this person has already been shown.
        let shared = self.evidence_shared_with(id);
        let evidence: Vec<EvidenceItem<'_>> = self
            .evidence()
            .map(|e| EvidenceItem {
                key: e.id.0.as_u128(),
                kind: e.fields.kind,
                title: &e.fields.title,
                answers: &e.fields.answers,
                words: e.match_words(),
                shared_with_them: shared.contains(&e.id),
            })
            .collect();
        let input = SuggestInput {
            name: &s.fields.name,
            causes: &s.fields.root_causes,
            position: s.position(),
            cares_about: &s.fields.cares_about,
            notes: &s.fields.notes,
            actions,
            history: &history,
            evidence: &evidence,
            today,
        };
        suggest(&input)
    }

    // ----- touchpoints -----

    /// Every touchpoint, in the order logged.
    pub fn touchpoints(&self) -> impl ExactSizeIterator<Item = &Touchpoint> + '_ {
        self.touchpoints.values()
    }

    /// One stakeholder's contact log, newest first.
    pub fn touchpoints_for(&self, id: StakeholderId) -> Vec<&Touchpoint> {
        let mut list: Vec<&Touchpoint> =
            self.touchpoints().filter(|t| t.stakeholder == id).collect();
        crate::sort::by(&mut list, |a, b| {
            b.date.cmp(&a.date).then(b.created_at.cmp(&a.created_at))
        });
        list
    }

    /// Adds a touchpoint; false (nothing changes) if its id is taken or its stakeholder missing.
    pub(crate) fn insert_touchpoint(&mut self, touchpoint: Touchpoint) -> bool {
        if self.touchpoints.contains_key(&touchpoint.id) || !self.contains(touchpoint.stakeholder) {
            return false;
        }
        self.touchpoints.insert(touchpoint.id, touchpoint);
        true
    }

    pub(crate) fn remove_touchpoint(&mut self, id: TouchpointId) -> Option<Touchpoint> {
        self.touchpoints.shift_remove(&id)
    }

    /// The day of the stakeholder's latest contact.
    pub fn last_contact(&self, id: StakeholderId) -> Option<LocalDate> {
        self.touchpoints()
            .filter(|t| t.stakeholder == id)
            .map(|t| t.date)
            .max()
    }

    /// Contact status on `today`, for a user `utc_offset_minutes` ahead of UTC.
    pub fn contact_status(
        &self,
        id: StakeholderId,
        today: LocalDate,
        utc_offset_minutes: i32,
    ) -> Option<ContactStatus> {
        let s = self.get(id)?;
        Some(ContactStatus::compute(
            s.cadence_days(),
            self.last_contact(id),
            s.created_at.local_date(utc_offset_minutes),
            today,
        ))
    }

    /// What needs attention for every stakeholder, computed in one pass over the plan and the
    /// log (markers and lists read from this rather than scanning per stakeholder).
    pub fn attention(
        &self,
        today: LocalDate,
        utc_offset_minutes: i32,
    ) -> HashMap<StakeholderId, Attention> {
        let mut last: HashMap<StakeholderId, LocalDate> = HashMap::new();
        for t in self.touchpoints() {
            let entry = last.entry(t.stakeholder).or_insert(t.date);
            if t.date > *entry {
                *entry = t.date;
            }
        }
        let mut out: HashMap<StakeholderId, Attention> = self
            .stakeholders()
            .map(|s| {
                let contact = ContactStatus::compute(
                    s.cadence_days(),
                    last.get(&s.id).copied(),
                    s.created_at.local_date(utc_offset_minutes),
                    today,
                );
                (
                    s.id,
                    Attention {
                        open_actions: 0,
                        overdue_actions: 0,
                        contact,
                    },
                )
            })
            .collect();
        for a in self.actions() {
            if let Some(entry) = out.get_mut(&a.stakeholder) {
                if a.fields.status.is_open() {
                    entry.open_actions += 1;
                }
                if a.is_overdue(today) {
                    entry.overdue_actions += 1;
                }
            }
        }
        out
    }

    // ----- relationships -----

    /// The relationships between the people on the map, in the order recorded.
    pub fn relationships(&self) -> impl ExactSizeIterator<Item = &Relationship> + '_ {
        self.relationships.values()
    }

    /// One relationship by id.
    pub fn relationship(&self, id: RelationshipId) -> Option<&Relationship> {
        self.relationships.get(&id)
    }

    pub(crate) fn relationship_mut(&mut self, id: RelationshipId) -> Option<&mut Relationship> {
        self.relationships.get_mut(&id)
    }

    /// The relationships `who` is part of, either end, in the order recorded.
    pub fn relationships_of(&self, who: StakeholderId) -> Vec<&Relationship> {
        self.relationships().filter(|r| r.involves(who)).collect()
    }

    /// A relationship already on the map that says what `r` says (see
    /// [`Relationship::repeats`]).
    pub fn repeat_of(&self, r: &Relationship) -> Option<&Relationship> {
        self.relationships().find(|o| o.repeats(r))
    }

    /// Puts a relationship at `index` of the order (the end when past it); false (nothing
    /// changes) if its id is taken, either person is missing or it joins someone to themselves.
    pub(crate) fn insert_relationship_at(&mut self, index: usize, r: Relationship) -> bool {
        if self.relationships.contains_key(&r.id)
            || r.from == r.to
            || !self.contains(r.from)
            || !self.contains(r.to)
        {
            return false;
        }
        let index = index.min(self.relationships.len());
        self.relationships.shift_insert(index, r.id, r);
        true
    }

    /// Takes a relationship out.
    pub(crate) fn remove_relationship(&mut self, id: RelationshipId) -> Option<Relationship> {
        self.relationships.shift_remove(&id)
    }

    /// The influence network of the map: everyone with where they stand, and every
    /// relationship.
    pub fn network(&self) -> Network {
        let people = self
            .stakeholders()
            .map(|s| Node {
                id: s.id,
                name: s.name().to_owned(),
                influence: s.fields.position.influence,
                skepticism: s.fields.position.skepticism,
            })
            .collect();
        let links: Vec<_> = self.relationships().map(Relationship::link).collect();
        Network::new(people, &links)
    }

    /// The action that carries out `route` to move `target`: through the person who moves
    /// them directly, with the playbook tactic that fits that tie (a peer's testimony or
    /// involving them in design where they listen to or are allied with that person; shared
    /// goals or their own measures where they report to them), the one ranked higher for
    /// `target` by the playbook. The first person on the route owns it; due in two weeks.
    pub fn plan_through(
        &self,
        target: StakeholderId,
        route: &super::network::Route,
        today: LocalDate,
        utc_offset_minutes: i32,
    ) -> Option<super::action::ActionFields> {
        let x = self.get(target)?;
        let names: Vec<&str> = route
            .via
            .iter()
            .map(|id| self.get(*id).map(|s| s.name()))
            .collect::<Option<_>>()?;
        let first = *names.first()?;
        let candidates: &[Tactic] = match route.ties.last()? {
            super::Tie::ReportsTo => &[Tactic::MutualGoals, Tactic::TieToKpis],
            _ => &[
                Tactic::PeerTestimonial,
                Tactic::InvolveInDesign,
                Tactic::ObserveSession,
            ],
        };
        let ranked = self.suggestions(target, today, utc_offset_minutes);
        let tactic = ranked
            .iter()
            .map(|s| s.tactic)
            .find(|t| candidates.contains(t))
            .unwrap_or(candidates[0]);
        let through = match names.as_slice() {
            [one] => (*one).to_owned(),
            [a, b] => format!("{a}, then {b}"),
            many => many.join(", then "),
        };
        Some(super::action::ActionFields {
            tactic: Some(tactic),
            title: super::names::shorten(
                &format!("{} for {}, through {through}", tactic.name(), x.name()),
                super::stakeholder::MAX_SHORT_TEXT_CHARS,
            ),
            owner: super::names::shorten(first, super::stakeholder::MAX_SHORT_TEXT_CHARS),
            due: today.plus_days(14),
            ..<super::action::ActionFields as super::fields::Fields>::blank()
        })
    }

    /// Adds relationships read from a file or a merge, in their order. Repeated ids, those
    /// naming someone not on the map and those saying again what one before them says (two
    /// copies that each recorded "Dana listens to Priya") are skipped.
    pub fn with_relationships(mut self, relationships: Vec<Relationship>) -> Self {
        let mut said: std::collections::HashSet<(StakeholderId, StakeholderId, super::Tie)> = self
            .relationships()
            .flat_map(Relationship::sayings)
            .collect();
        for r in relationships {
            if r.sayings().iter().any(|k| said.contains(k)) {
                continue;
            }
            let sayings = r.sayings();
            if self.insert_relationship_at(usize::MAX, r) {
                said.extend(sayings);
            }
        }
        self
    }

    // ----- program evidence -----

    /// The evidence library, in the order added.
    pub fn evidence(&self) -> impl ExactSizeIterator<Item = &Evidence> + '_ {
        self.evidence.values()
    }

    /// One item of evidence by id.
    pub fn evidence_item(&self, id: EvidenceId) -> Option<&Evidence> {
        self.evidence.get(&id)
    }

    pub(crate) fn evidence_mut(&mut self, id: EvidenceId) -> Option<&mut Evidence> {
        self.evidence.get_mut(&id)
    }

    /// Puts an item of evidence at `index` of the library's order (the end when past it);
    /// false (nothing changes) if its id is taken.
    pub(crate) fn insert_evidence_at(&mut self, index: usize, item: Evidence) -> bool {
        if self.evidence.contains_key(&item.id) {
            return false;
        }
        let index = index.min(self.evidence.len());
        self.evidence.shift_insert(index, item.id, item);
        true
    }

    /// Takes an item out of the library. Contacts that shared it keep their place in the log
    /// but no longer name it (the caller records them first, to put the links back on undo).
    pub(crate) fn remove_evidence(&mut self, id: EvidenceId) -> Option<Evidence> {
        let removed = self.evidence.shift_remove(&id)?;
        for t in self.touchpoints.values_mut() {
            if t.evidence == Some(id) {
                t.evidence = None;
            }
        }
        Some(removed)
    }

    /// Removes links from contacts to evidence the map does not hold; true when any went.
    pub(crate) fn drop_dangling_evidence_links(&mut self) -> bool {
        let mut changed = false;
        for t in self.touchpoints.values_mut() {
            if t.evidence.is_some_and(|e| !self.evidence.contains_key(&e)) {
                t.evidence = None;
                changed = true;
            }
        }
        changed
    }

    /// Contacts that shared this item, newest first.
    pub fn shares_of(&self, id: EvidenceId) -> Vec<&Touchpoint> {
        let mut list: Vec<&Touchpoint> = self
            .touchpoints()
            .filter(|t| t.evidence == Some(id))
            .collect();
        crate::sort::by(&mut list, |a, b| {
            b.date.cmp(&a.date).then(b.created_at.cmp(&a.created_at))
        });
        list
    }

    /// The items of evidence a stakeholder has been shown (what the suggestions and their
    /// Evidence tab treat as already seen).
    pub fn evidence_shared_with(&self, id: StakeholderId) -> std::collections::HashSet<EvidenceId> {
        self.touchpoints()
            .filter(|t| t.stakeholder == id)
            .filter_map(|t| t.evidence)
            .collect()
    }

    /// What was shared with a stakeholder, newest first: each contact with the item it shared.
    pub fn shared_with(&self, id: StakeholderId) -> Vec<(&Touchpoint, &Evidence)> {
        self.touchpoints_for(id)
            .into_iter()
            .filter_map(|t| Some((t, self.evidence_item(t.evidence?)?)))
            .collect()
    }

    /// The evidence that suits a stakeholder (answers one of their causes or matches what they
    /// care about), with why and whether it was already shared with them: items not yet
    /// shared first, then those answering more; library order breaks ties.
    pub fn evidence_for(&self, id: StakeholderId) -> Vec<(&Evidence, EvidenceMatch, bool)> {
        let Some(s) = self.get(id) else {
            return Vec::new();
        };
        let shared = self.evidence_shared_with(id);
        let mut list: Vec<(&Evidence, EvidenceMatch, bool)> = self
            .evidence()
            .map(|e| {
                (
                    e,
                    e.matches(&s.fields.root_causes, &s.fields.cares_about),
                    shared.contains(&e.id),
                )
            })
            .filter(|(_, m, _)| m.any())
            .collect();
        crate::sort::by_key(&mut list, |(_, m, shared)| {
            (*shared, std::cmp::Reverse(m.causes.len() + m.cares.len()))
        });
        list
    }

    // ----- whole map -----

    /// How many stakeholders sit in each quadrant, in `Quadrant::ALL` order.
    pub fn quadrant_counts(&self) -> [usize; 4] {
        let mut counts = [0; 4];
        for s in self.stakeholders() {
            if let Some(i) = Quadrant::ALL.iter().position(|q| *q == s.quadrant()) {
                counts[i] += 1;
            }
        }
        counts
    }

    /// Every distinct tag on the map, sorted case-insensitively.
    pub fn all_tags(&self) -> Vec<String> {
        let mut tags: Vec<String> = Vec::new();
        for s in self.stakeholders() {
            for tag in &s.fields.tags {
                if !tags.iter().any(|t| t.eq_ignore_ascii_case(tag)) {
                    tags.push(tag.clone());
                }
            }
        }
        crate::sort::by_key(&mut tags, |t| t.to_lowercase());
        tags
    }

    /// Every distinct action owner, sorted.
    pub fn all_owners(&self) -> Vec<String> {
        let mut owners: Vec<String> = self
            .actions()
            .map(|a| a.fields.owner.clone())
            .filter(|o| !o.is_empty())
            .collect();
        crate::sort::by_key(&mut owners, |o| o.to_lowercase());
        owners.dedup();
        owners
    }

    /// A copy with a new identity and the given name: new ids throughout, same content.
    pub fn duplicate(
        &self,
        new_id: MapId,
        name: impl Into<String>,
        mut new_uuid: impl FnMut() -> Uuid,
        at: Timestamp,
    ) -> StakeMap {
        let mut copy = StakeMap::new(new_id, name, at);
        copy.redacted = self.redacted;
        copy.positions_left_out = self.positions_left_out;
        let mut renamed = std::collections::HashMap::new();
        for s in self.stakeholders() {
            let mut s = s.clone();
            let new = StakeholderId(new_uuid());
            renamed.insert(s.id, new);
            s.id = new;
            copy.insert(s);
        }
        for a in self.actions() {
            if let Some(owner) = renamed.get(&a.stakeholder) {
                let mut a = a.clone();
                a.id = ActionId(new_uuid());
                a.stakeholder = *owner;
                copy.insert_action(a);
            }
        }
        let mut evidence_ids = std::collections::HashMap::new();
        for e in self.evidence() {
            let mut e = e.clone();
            let new = EvidenceId(new_uuid());
            evidence_ids.insert(e.id, new);
            e.id = new;
            copy.insert_evidence_at(usize::MAX, e);
        }
        for t in self.touchpoints() {
            if let Some(owner) = renamed.get(&t.stakeholder) {
                let mut t = t.clone();
                t.id = TouchpointId(new_uuid());
                t.stakeholder = *owner;
                t.evidence = t.evidence.and_then(|e| evidence_ids.get(&e).copied());
                copy.insert_touchpoint(t);
            }
        }
        for r in self.relationships() {
            if let (Some(from), Some(to)) = (renamed.get(&r.from), renamed.get(&r.to)) {
                let mut r = r.clone();
                r.id = RelationshipId(new_uuid());
                r.from = *from;
                r.to = *to;
                copy.insert_relationship_at(usize::MAX, r);
            }
        }
        for p in &self.history {
            if let Some(owner) = renamed.get(&p.stakeholder) {
                copy.history.push(HistoryPoint {
                    stakeholder: *owner,
                    ..*p
                });
            }
        }
        for snap in &self.snapshots {
            let mut snap = snap.clone();
            snap.id = SnapshotId(new_uuid());
            for e in &mut snap.entries {
                // People removed before the copy keep a fresh id of their own.
                e.stakeholder = renamed
                    .get(&e.stakeholder)
                    .copied()
                    .unwrap_or_else(|| StakeholderId(new_uuid()));
            }
            copy.snapshots.push(snap);
        }
        copy
    }

    /// Builds a map from parts already checked by the file format (ids unique, references
    /// resolved); anything that does not fit is skipped.
    pub fn from_parts(
        id: MapId,
        name: String,
        created_at: Timestamp,
        updated_at: Timestamp,
        stakeholders: Vec<Stakeholder>,
        actions: Vec<Action>,
        touchpoints: Vec<Touchpoint>,
    ) -> Self {
        let mut map = StakeMap::new(id, name, created_at);
        map.updated_at = updated_at;
        for s in stakeholders {
            map.insert(s);
        }
        for a in actions {
            map.insert_action(a);
        }
        for t in touchpoints {
            map.insert_touchpoint(t);
        }
        map
    }

    /// Adds the evidence library read from a file (repeated ids are skipped), in its order.
    pub fn with_evidence(mut self, evidence: Vec<Evidence>) -> Self {
        for e in evidence {
            self.insert_evidence_at(usize::MAX, e);
        }
        self
    }

    /// Adds history and snapshots read from a file (points for unknown stakeholders are
    /// skipped); history is kept in time order.
    pub fn with_history(
        mut self,
        mut history: Vec<HistoryPoint>,
        snapshots: Vec<Snapshot>,
    ) -> Self {
        history.retain(|p| self.contains(p.stakeholder));
        crate::sort::by_key(&mut history, |p| p.at);
        self.history = history;
        for s in snapshots {
            self.insert_snapshot(s);
        }
        self
    }
}
