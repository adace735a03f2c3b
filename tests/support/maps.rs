//! Maps for the tests of the core and of sharing by file: a person's fields, a map of given
//! people, the worked example and copies of it edited some minutes after `T0`, and what a map
//! holds without the times of last change.

use super::{action_fields, people_fields, T0};
use stakemap::model::*;

const MINUTE: i64 = 60_000;

/// `minutes` after `T0`.
pub fn at(minutes: i64) -> Timestamp {
    Timestamp::from_unix_millis(T0.unix_millis() + minutes * MINUTE)
}

/// The day the maps are looked at (the image is dated with it).
pub fn today() -> LocalDate {
    LocalDate::from_ymd(2026, 11, 22).unwrap()
}

/// The worked example, with ids from `ids`.
pub fn example(ids: &mut SequentialIds) -> StakeMap {
    let id = MapId(ids.next_uuid());
    example_map(id, || ids.next_uuid(), T0, today())
}

/// Applies ops to a copy of `map` at the given minutes after T0.
pub fn edited(map: &StakeMap, ops: Vec<(i64, Op)>) -> StakeMap {
    let mut w = Workspace::from_maps(vec![map.clone()]);
    for (minute, op) in ops {
        w.apply(op, at(minute)).expect("the edit applies");
    }
    w.map(map.id).cloned().expect("the map is still there")
}

/// Fields of a person called `name` at this place, the rest left empty.
pub fn fields(name: &str, influence: u8, skepticism: u8) -> StakeholderFields {
    StakeholderFields {
        name: name.into(),
        position: Position {
            influence,
            skepticism,
        },
        ..Default::default()
    }
}

/// A person at this place, with an id from `ids`, made at `T0`.
pub fn person(ids: &mut SequentialIds, name: &str, influence: u8, skepticism: u8) -> Stakeholder {
    Stakeholder::new(
        StakeholderId(ids.next_uuid()),
        fields(name, influence, skepticism),
        T0,
    )
}

/// A workspace with one map of these people (name, influence, skepticism, tags), the map's id
/// and the people's ids, in order; everything made at `T0`.
pub fn map_with(people: &[(&str, u8, u8, &[&str])]) -> (Workspace, MapId, Vec<StakeholderId>) {
    let mut ids = SequentialIds::default();
    let map_id = MapId(ids.next_uuid());
    let mut ws = Workspace::default();
    ws.apply(Op::CreateMap(StakeMap::new(map_id, "Test", T0)), T0)
        .unwrap();
    let mut out = Vec::new();
    for (name, i, s, tags) in people {
        let id = StakeholderId(ids.next_uuid());
        let mut f = fields(name, *i, *s);
        f.tags = tags.iter().map(|t| t.to_string()).collect();
        ws.apply(
            Op::AddStakeholder {
                map: map_id,
                stakeholder: Stakeholder::new(id, f, T0),
            },
            T0,
        )
        .unwrap();
        out.push(id);
    }
    (ws, map_id, out)
}

/// What a map holds, record by record, without the times of last change: an undo is an edit
/// of its own, stamped when it is made. Lists keep their order.
pub type Content = (
    String,
    Vec<(StakeholderId, StakeholderFields)>,
    Vec<(ActionId, StakeholderId, ActionFields)>,
    Vec<Touchpoint>,
    Vec<Snapshot>,
    Vec<HistoryPoint>,
);

pub fn content(m: &StakeMap) -> Content {
    (
        m.name.clone(),
        people_fields(m),
        action_fields(m),
        m.touchpoints().cloned().collect(),
        m.snapshots().to_vec(),
        m.history().to_vec(),
    )
}
