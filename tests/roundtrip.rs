//! Native property test of the file format: whatever a user can put on a map (stakeholders,
//! plan, contact log) comes back identical from its exported file.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use stakemap::format;
use stakemap::model::*;

const NOW: Timestamp = Timestamp::from_unix_millis(1_790_000_000_000);

fn arb_text(max: usize) -> impl Strategy<Value = String> {
    proptest::string::string_regex(&format!("[a-zA-Z0-9 éøßЖ中\"\\\\,;\n-]{{0,{max}}}"))
        .unwrap()
        .prop_map(|s| s.trim().to_owned())
}

fn arb_stakeholder() -> impl Strategy<Value = (StakeholderFields, i64, i64)> {
    (
        (
            arb_text(40).prop_filter("names are not blank", |s| !s.is_empty()),
            arb_text(30),
            arb_text(30),
            0u8..=100,
            0u8..=100,
            proptest::sample::subsequence(RootCause::ALL.to_vec(), 0..=7),
        ),
        (
            arb_text(200),
            arb_text(200),
            proptest::collection::vec(arb_text(12), 0..5),
            proptest::option::of(1u16..=365),
            proptest::option::of((0u8..=100, 0u8..=100)),
        ),
        0i64..4_000_000_000_000,
        0i64..4_000_000_000_000,
    )
        .prop_map(
            |(
                (name, role, organisation, i, s, causes),
                (cares_about, notes, tags, cadence, target),
                c,
                u,
            )| {
                (
                    StakeholderFields {
                        name,
                        role,
                        organisation,
                        position: Position {
                            influence: i,
                            skepticism: s,
                        },
                        root_causes: causes,
                        cares_about,
                        notes,
                        tags: normalise_tags(tags),
                        cadence_days: cadence,
                        target: target.map(|(influence, skepticism)| Position {
                            influence,
                            skepticism,
                        }),
                    },
                    c,
                    u,
                )
            },
        )
}

fn arb_day() -> impl Strategy<Value = LocalDate> {
    (0i64..40_000).prop_map(|d| LocalDate::EPOCH.plus_days(d).unwrap())
}

fn arb_action() -> impl Strategy<Value = (usize, ActionFields, i64)> {
    (
        any::<usize>(),
        proptest::option::of(proptest::sample::select(Tactic::ALL.to_vec())),
        arb_text(40).prop_filter("titles are not blank", |s| !s.is_empty()),
        arb_text(20),
        proptest::option::of(arb_day()),
        proptest::sample::select(ActionStatus::ALL.to_vec()),
        arb_text(100),
        0i64..4_000_000_000_000,
    )
        .prop_map(|(who, tactic, title, owner, due, status, outcome, t)| {
            (
                who,
                ActionFields {
                    tactic,
                    title,
                    owner,
                    due,
                    status,
                    outcome,
                    ..ActionFields::blank()
                },
                t,
            )
        })
}

fn arb_touchpoint() -> impl Strategy<Value = (usize, TouchpointFields, i64)> {
    (
        any::<usize>(),
        arb_day(),
        proptest::sample::select(Channel::ALL.to_vec()),
        proptest::sample::select(Sentiment::ALL.to_vec()),
        arb_text(100),
        proptest::option::of(0u8..=100),
        proptest::option::of(0u8..=100),
        0i64..4_000_000_000_000,
    )
        .prop_map(
            |(who, date, channel, sentiment, note, influence, skepticism, t)| {
                (
                    who,
                    TouchpointFields {
                        date,
                        channel,
                        sentiment,
                        note,
                        influence,
                        skepticism,
                        evidence: None,
                    },
                    t,
                )
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Whatever a user can put on a map (stakeholders, plan, contact log) comes back identical
    /// from its exported file.
    #[test]
    fn export_then_import_gives_the_same_map(
        name in arb_text(60).prop_filter("map names are not blank", |s| !s.is_empty()),
        people in proptest::collection::vec(arb_stakeholder(), 0..20),
        planned in proptest::collection::vec(arb_action(), 0..20),
        contacts in proptest::collection::vec(arb_touchpoint(), 0..20),
    ) {
        let mut ids = SequentialIds::default();
        let stakeholders: Vec<Stakeholder> = people
            .into_iter()
            .map(|(f, c, u)| Stakeholder {
                id: StakeholderId(ids.next_uuid()),
                fields: f,
                created_at: Timestamp::from_unix_millis(c),
                updated_at: Timestamp::from_unix_millis(u),
            })
            .collect();
        let (actions, touchpoints) = if stakeholders.is_empty() {
            (Vec::new(), Vec::new())
        } else {
            let n = stakeholders.len();
            let actions = planned
                .into_iter()
                .map(|(who, fields, t)| Action {
                    id: ActionId(ids.next_uuid()),
                    stakeholder: stakeholders[who % n].id,
                    fields,
                    created_at: Timestamp::from_unix_millis(t),
                    updated_at: Timestamp::from_unix_millis(t),
                })
                .collect();
            let touchpoints = contacts
                .into_iter()
                .map(|(who, f, t)| Touchpoint {
                    id: TouchpointId(ids.next_uuid()),
                    stakeholder: stakeholders[who % n].id,
                    date: f.date,
                    channel: f.channel,
                    sentiment: f.sentiment,
                    note: f.note,
                    influence: f.influence,
                    skepticism: f.skepticism,
                    evidence: None,
                    created_at: Timestamp::from_unix_millis(t),
                })
                .collect();
            (actions, touchpoints)
        };
        let map = StakeMap::from_parts(MapId(ids.next_uuid()), name, NOW, NOW, stakeholders, actions, touchpoints);
        let text = format::to_json(&map, NOW);
        let back = format::parse(&text, Timestamp::from_unix_millis(0)).unwrap();
        prop_assert_eq!(back, map);
    }
}
