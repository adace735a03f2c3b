//! Relationships between the people on a map: who listens to, reports to, is allied with or at
//! odds with whom, one way or both, and how strongly. The network (`network.rs`) reads them to
//! find who can move a skeptic.
//!
//! A relationship joins two people (its frame: `from`, `to`, when recorded and changed) and has
//! the fields of one table ([`RelationshipFields`]), which the reader, writer, schema, merge,
//! sheets and redaction all walk, as for every other record.

use super::fields::{
    set_token, token_entry, FieldSpec, Fields, Kind, Merge, Redact, TokenSet, Val,
};
use super::ids::{RelationshipId, StakeholderId};
use super::network::{Link, Tie, TieStrength};
use super::stakeholder::MAX_LONG_TEXT_CHARS;
use super::time::Timestamp;
use std::borrow::Cow;

/// Most relationships on one map. More is refused, in a file and as an edit.
pub const MAX_RELATIONSHIPS: usize = 20_000;

token_enum! {
    /// Whether a relationship holds one way or both.
    pub enum TieDirection as "snake_case" {
        /// From the first person to the second only.
        OneWay,
        /// Both ways.
        BothWays,
    }
}

impl Tie {
    /// The label shown in lists and pickers.
    pub fn label(self) -> &'static str {
        match self {
            Tie::ListensTo => "Listens to / trusts",
            Tie::ReportsTo => "Reports to",
            Tie::AlliedWith => "Allied with",
            Tie::AtOddsWith => "At odds with",
        }
    }

    /// The words between two names: "Dana *listens to* Priya".
    pub fn verb(self) -> &'static str {
        match self {
            Tie::ListensTo => "listens to",
            Tie::ReportsTo => "reports to",
            Tie::AlliedWith => "is allied with",
            Tie::AtOddsWith => "is at odds with",
        }
    }

    /// The words with the names the other way round, for the second person's panel:
    /// "Priya *is listened to by* Dana".
    pub fn verb_back(self) -> &'static str {
        match self {
            Tie::ListensTo => "is listened to by",
            Tie::ReportsTo => "manages",
            Tie::AlliedWith => "is allied with",
            Tie::AtOddsWith => "is at odds with",
        }
    }

    /// True for kinds that always hold both ways (allies, people at odds).
    pub fn mutual(self) -> bool {
        matches!(self, Tie::AlliedWith | Tie::AtOddsWith)
    }

    /// The direction a kind always has, if it has one: allies and people at odds hold both
    /// ways; reporting runs one way.
    pub fn fixed_direction(self) -> Option<TieDirection> {
        match self {
            Tie::AlliedWith | Tie::AtOddsWith => Some(TieDirection::BothWays),
            Tie::ReportsTo => Some(TieDirection::OneWay),
            Tie::ListensTo => None,
        }
    }
}

impl TieStrength {
    /// The label shown.
    pub fn label(self) -> &'static str {
        match self {
            TieStrength::Weak => "Weak",
            TieStrength::Moderate => "Moderate",
            TieStrength::Strong => "Strong",
        }
    }
}

impl TieDirection {
    /// The label shown.
    pub fn label(self) -> &'static str {
        match self {
            TieDirection::OneWay => "One way",
            TieDirection::BothWays => "Both ways",
        }
    }
}

/// The kinds of relationship as a token set.
pub const TIES: TokenSet = TokenSet {
    def: "relationshipKind",
    entry: |i| token_entry(&Tie::ALL, i, Tie::key, Tie::label),
};

/// The strengths of a relationship as a token set.
pub const TIE_STRENGTHS: TokenSet = TokenSet {
    def: "relationshipStrength",
    entry: |i| token_entry(&TieStrength::ALL, i, TieStrength::key, TieStrength::label),
};

/// The directions of a relationship as a token set.
pub const TIE_DIRECTIONS: TokenSet = TokenSet {
    def: "relationshipDirection",
    entry: |i| {
        token_entry(
            &TieDirection::ALL,
            i,
            TieDirection::key,
            TieDirection::label,
        )
    },
};

/// The editable parts of a relationship.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct RelationshipFields {
    /// How the first person stands towards the second.
    pub kind: Tie,
    /// One way or both (allies and people at odds are always both).
    pub direction: TieDirection,
    /// How strong it is.
    pub strength: TieStrength,
    /// What the user knows of it ("Dana asks Priya before every budget round").
    pub note: String,
}

impl Default for RelationshipFields {
    fn default() -> Self {
        Self {
            kind: Tie::ListensTo,
            direction: TieDirection::OneWay,
            strength: TieStrength::Moderate,
            note: String::new(),
        }
    }
}

/// One relationship between two people on a map.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Relationship {
    /// Stable identity.
    pub id: RelationshipId,
    /// Who it is about ("Dana" in "Dana listens to Priya").
    pub from: StakeholderId,
    /// Whom they stand towards.
    pub to: StakeholderId,
    /// The editable parts.
    pub fields: RelationshipFields,
    /// When it was recorded.
    pub created_at: Timestamp,
    /// When it last changed.
    pub updated_at: Timestamp,
}

impl Fields for RelationshipFields {
    const FIELDS: &'static [FieldSpec<Self>] = &[
        FieldSpec {
            key: "kind",
            label: "Kind",
            called: "kind of relationship",
            about: "How the first person (from) stands towards the second (to).",
            kind: Kind::Token {
                set: TIES,
                required: true,
            },
            csv: &[super::fields::Column {
                header: "Kind",
                aliases: &["relationship", "type"],
            }],
            merge: Merge::WithRecord,
            redact: Redact::Keep,
            get: |f| Val::Token(Some(f.kind.key())),
            set: |f, v| set_token(&mut f.kind, v, Tie::from_key),
        },
        FieldSpec {
            key: "direction",
            label: "Direction",
            called: "direction",
            about: "One way (from the first person to the second) or both ways.",
            kind: Kind::Token {
                set: TIE_DIRECTIONS,
                required: true,
            },
            csv: &[super::fields::Column {
                header: "Direction",
                aliases: &["way", "ways"],
            }],
            merge: Merge::WithRecord,
            redact: Redact::Keep,
            get: |f| Val::Token(Some(f.direction.key())),
            set: |f, v| set_token(&mut f.direction, v, TieDirection::from_key),
        },
        FieldSpec {
            key: "strength",
            label: "Strength",
            called: "strength",
            about: "",
            kind: Kind::Token {
                set: TIE_STRENGTHS,
                required: true,
            },
            csv: &[super::fields::Column {
                header: "Strength",
                aliases: &["weight"],
            }],
            merge: Merge::WithRecord,
            redact: Redact::Keep,
            get: |f| Val::Token(Some(f.strength.key())),
            set: |f, v| set_token(&mut f.strength, v, TieStrength::from_key),
        },
        FieldSpec {
            key: "note",
            label: "Note",
            called: "the note",
            about: "",
            kind: Kind::Text {
                max: MAX_LONG_TEXT_CHARS,
                required: false,
            },
            csv: &[super::fields::Column {
                header: "Note",
                aliases: &["notes", "comment"],
            }],
            merge: Merge::WithRecord,
            redact: Redact::Clear,
            get: |f| Val::Text(Cow::Borrowed(&f.note)),
            set: |f, v| f.note = v.text().trim().to_owned(),
        },
    ];

    fn blank() -> Self {
        // Every field, without `..`: a field added to the struct stops the build here.
        RelationshipFields {
            kind: Tie::ListensTo,
            direction: TieDirection::OneWay,
            strength: TieStrength::Moderate,
            note: String::new(),
        }
    }
}

impl RelationshipFields {
    /// True when a relationship with these fields holds both ways.
    pub fn both_ways(&self) -> bool {
        self.kind.fixed_direction().unwrap_or(self.direction) == TieDirection::BothWays
    }

    /// The same fields as the rules keep them: a kind with a fixed direction has it (allies and
    /// people at odds both ways, reporting one way), and the note is trimmed as every text is.
    pub fn normalised(mut self) -> Self {
        if let Some(d) = self.kind.fixed_direction() {
            self.direction = d;
        }
        let trimmed = self.note.trim();
        if trimmed.len() != self.note.len() {
            self.note = trimmed.to_owned();
        }
        self
    }
}

impl Relationship {
    /// True when it holds both ways.
    pub fn both_ways(&self) -> bool {
        self.fields.both_ways()
    }

    /// The relationship as the network reads it.
    pub fn link(&self) -> Link {
        Link {
            from: self.from,
            to: self.to,
            tie: self.fields.kind,
            both_ways: self.both_ways(),
            strength: self.fields.strength,
        }
    }

    /// True when it joins `who` to anyone.
    pub fn involves(&self, who: StakeholderId) -> bool {
        self.from == who || self.to == who
    }

    /// The person at the other end from `who`.
    pub fn other(&self, who: StakeholderId) -> StakeholderId {
        if self.from == who {
            self.to
        } else {
            self.from
        }
    }

    /// True when `other` says the same thing about the same two people (the same kind between
    /// them, either way round for a kind that holds both ways): a repeat the map refuses.
    pub fn repeats(&self, other: &Relationship) -> bool {
        let mine = self.sayings();
        self.id != other.id && other.sayings().iter().any(|k| mine.contains(k))
    }

    /// What it says, as (from, to, kind) keys: one, or two for a relationship that holds both
    /// ways. Two relationships repeat each other when they share a key.
    pub fn sayings(&self) -> Vec<(StakeholderId, StakeholderId, Tie)> {
        Self::sayings_of(self.from, self.to, &self.fields)
    }

    /// What a relationship from `from` to `to` with `fields` would say (see
    /// [`Relationship::sayings`]).
    pub fn sayings_of(
        from: StakeholderId,
        to: StakeholderId,
        fields: &RelationshipFields,
    ) -> Vec<(StakeholderId, StakeholderId, Tie)> {
        let mut keys = vec![(from, to, fields.kind)];
        if fields.both_ways() {
            keys.push((to, from, fields.kind));
        }
        keys
    }

    /// The relationship in words, seen from `who`'s side, with the names given by `name`:
    /// "listens to Priya Raman (strong, both ways)" for Dana, "is listened to by Dana Ortiz
    /// (strong)" for Priya.
    pub fn words_from(&self, who: StakeholderId, name: &dyn Fn(StakeholderId) -> String) -> String {
        let verb = if self.from == who || self.both_ways() {
            self.fields.kind.verb()
        } else {
            self.fields.kind.verb_back()
        };
        let both = if self.both_ways() && !self.fields.kind.mutual() {
            ", both ways"
        } else {
            ""
        };
        format!(
            "{verb} {} ({}{both})",
            name(self.other(who)),
            self.fields.strength.key()
        )
    }

    /// The relationship as a sentence: "Dana Ortiz listens to Priya Raman (strong)".
    pub fn sentence(&self, name: &dyn Fn(StakeholderId) -> String) -> String {
        format!("{} {}", name(self.from), self.words_from(self.from, name))
    }
}

/// `list` with each thing said once: of relationships that repeat one another (two copies that
/// each recorded "Dana listens to Priya"), the one changed last is kept, in its place, and takes
/// the other's note when it has none, so a merge loses nothing typed.
pub fn said_once(list: Vec<Relationship>) -> Vec<Relationship> {
    let mut newest_first: Vec<usize> = (0..list.len()).collect();
    crate::sort::by_key(&mut newest_first, |&i| {
        std::cmp::Reverse(list[i].updated_at)
    });
    let mut said: std::collections::HashMap<(StakeholderId, StakeholderId, Tie), usize> =
        std::collections::HashMap::new();
    let mut kept = vec![false; list.len()];
    let mut notes: Vec<Option<String>> = vec![None; list.len()];
    for i in newest_first {
        let keys = list[i].sayings();
        match keys.iter().find_map(|k| said.get(k).copied()) {
            Some(winner) => {
                let note = &list[i].fields.note;
                if list[winner].fields.note.is_empty()
                    && notes[winner].is_none()
                    && !note.is_empty()
                {
                    notes[winner] = Some(note.clone());
                }
            }
            None => {
                kept[i] = true;
                for k in keys {
                    said.insert(k, i);
                }
            }
        }
    }
    list.into_iter()
        .zip(kept.into_iter().zip(notes))
        .filter(|(_, (keep, _))| *keep)
        .map(|(mut r, (_, note))| {
            if let Some(note) = note {
                r.fields.note = note;
            }
            r
        })
        .collect()
}
