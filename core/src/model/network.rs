//! Who can move whom: the influence network between the people on a map, as pure functions.
//!
//! A relationship says how one person stands towards another: *listens to* (trusts), *reports
//! to*, *allied with*, *at odds with*, one way or both, weak, moderate or strong. For moving
//! people, what matters is the other way round: if Dana listens to Priya, Priya can move Dana.
//! [`Link`] is one relationship as the network reads it; [`Network`] holds them with the people
//! they join and answers:
//!
//! - [`Network::routes_to`]: who has a path of one or two steps to a person, ranked by the
//!   strengths along it, how supportive the people on it are and how much weight the first one
//!   carries, a route through someone at odds with the person set back;
//! - [`Network::listened_to`]: how much each person is listened to (the strengths of the ties
//!   through which they can move others, summed);
//! - [`Network::brokers`]: who connects people who would otherwise be apart (betweenness over
//!   the ties, Brandes' algorithm);
//! - [`Network::skeptics_without_route`] and [`Network::unheard_champions`].
//!
//! The core does not decide who *should* be approached; it ranks what the map says, in words
//! the panel can show ([`Route::reason`]).

use super::{Quadrant, StakeholderId};
use std::collections::{HashMap, HashSet, VecDeque};

token_enum! {
    /// How one person stands towards another.
    pub enum Tie as "snake_case" {
        /// The first listens to (trusts the judgement of) the second.
        ListensTo,
        /// The first reports to the second.
        ReportsTo,
        /// The two are allied: each can carry the other.
        AlliedWith,
        /// The two are at odds: neither moves the other, and a route through one towards the
        /// other is set back.
        AtOddsWith,
    }
}

token_enum! {
    /// How strong a relationship is.
    pub enum TieStrength as "snake_case" {
        /// Some weight.
        Weak,
        /// Real weight.
        Moderate,
        /// The person's view counts heavily.
        Strong,
    }
}

impl TieStrength {
    /// The share of a push that passes along a tie of this strength.
    pub fn weight(self) -> f64 {
        match self {
            TieStrength::Weak => 0.4,
            TieStrength::Moderate => 0.7,
            TieStrength::Strong => 1.0,
        }
    }
}

/// How much a route is set back when someone on it is at odds with the next person or with the
/// person to be moved.
pub const AT_ODDS_FACTOR: f64 = 0.4;

/// One relationship as the network reads it: `from` stands towards `to` as `tie` says, and the
/// other way too when `both_ways`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Link {
    /// Who the relationship is about ("Dana" in "Dana listens to Priya").
    pub from: StakeholderId,
    /// Who they stand towards.
    pub to: StakeholderId,
    /// How.
    pub tie: Tie,
    /// Whether it holds both ways (always so for allies and people at odds).
    pub both_ways: bool,
    /// How strong it is.
    pub strength: TieStrength,
}

/// What the network needs to know of a person.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// Who.
    pub id: StakeholderId,
    /// Their name, for the reasons in words.
    pub name: String,
    /// Influence, 0–100.
    pub influence: u8,
    /// Skepticism, 0–100.
    pub skepticism: u8,
}

impl Node {
    fn quadrant(&self) -> Quadrant {
        Quadrant::of(super::Position {
            influence: self.influence,
            skepticism: self.skepticism,
        })
    }

    /// 1 for someone fully convinced, 0 for someone fully opposed.
    fn support(&self) -> f64 {
        f64::from(100 - self.skepticism.min(100)) / 100.0
    }

    fn first_name(&self) -> &str {
        super::first_name(&self.name)
    }
}

/// A way one person can move another: `mover` moves `moved` through a tie.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Push {
    mover: usize,
    moved: usize,
    tie: Tie,
    strength: TieStrength,
}

/// One route to a person: from `via[0]` through the rest, each moving the next, to the person.
#[derive(Clone, Debug, PartialEq)]
pub struct Route {
    /// The people on the route, the first one approached first; the person moved is not listed.
    pub via: Vec<StakeholderId>,
    /// The tie of each step, in the same order: how `via[k]` moves the next person.
    pub ties: Vec<Tie>,
    /// The score the ranking used, from 0 to 1.
    pub score: f64,
    /// The route in words: "Priya Raman → Dana Ortiz: Dana listens to Priya (strong); Priya is a
    /// Champion, influence 80".
    pub reason: String,
}

/// The people on a map and the relationships between them.
#[derive(Clone, Debug, Default)]
pub struct Network {
    people: Vec<Node>,
    index: HashMap<StakeholderId, usize>,
    pushes: Vec<Push>,
    /// For each person, the pushes that move them (indices into `pushes`).
    into: Vec<Vec<usize>>,
    odds: HashSet<(usize, usize)>,
}

impl Network {
    /// A network of `people` joined by `links`. A link naming someone not among `people`, or a
    /// person to themselves, is left out.
    pub fn new(people: Vec<Node>, links: &[Link]) -> Self {
        let index: HashMap<StakeholderId, usize> =
            people.iter().enumerate().map(|(i, p)| (p.id, i)).collect();
        let mut pushes = Vec::new();
        let mut odds = HashSet::new();
        for link in links {
            let (Some(&a), Some(&b)) = (index.get(&link.from), index.get(&link.to)) else {
                continue;
            };
            if a == b {
                continue;
            }
            let push = |mover, moved| Push {
                mover,
                moved,
                tie: link.tie,
                strength: link.strength,
            };
            match link.tie {
                Tie::AtOddsWith => {
                    odds.insert((a, b));
                    odds.insert((b, a));
                }
                Tie::AlliedWith => {
                    pushes.push(push(a, b));
                    pushes.push(push(b, a));
                }
                // "A listens to B" and "A reports to B": B can move A.
                Tie::ListensTo | Tie::ReportsTo => {
                    pushes.push(push(b, a));
                    if link.both_ways {
                        pushes.push(push(a, b));
                    }
                }
            }
        }
        let mut into = vec![Vec::new(); people.len()];
        for (k, p) in pushes.iter().enumerate() {
            into[p.moved].push(k);
        }
        Self {
            people,
            index,
            pushes,
            into,
            odds,
        }
    }

    fn at_odds(&self, a: usize, b: usize) -> bool {
        self.odds.contains(&(a, b))
    }

    /// The strongest way each person can move `moved`, in the order of the people given (so
    /// equal routes are always found in the same order).
    fn movers_of(&self, moved: usize) -> Vec<Push> {
        let mut best: HashMap<usize, Push> = HashMap::new();
        for p in self.into[moved].iter().map(|&k| &self.pushes[k]) {
            let keep = best
                .get(&p.mover)
                .is_none_or(|b| p.strength.weight() > b.strength.weight());
            if keep {
                best.insert(p.mover, *p);
            }
        }
        let mut movers: Vec<Push> = best.into_values().collect();
        crate::sort::by_key(&mut movers, |p| p.mover);
        movers
    }

    /// The routes of one or two steps to `target`, best first (ties by the first person's name).
    /// A route's score multiplies the strength of each step, the support (100 − skepticism) of
    /// each person on it and, for the first person, half plus half their influence; a route with
    /// someone at odds with the next person or with `target` is set back by [`AT_ODDS_FACTOR`].
    /// Only the best route through each first person is kept.
    pub fn routes_to(&self, target: StakeholderId) -> Vec<Route> {
        let Some(&x) = self.index.get(&target) else {
            return Vec::new();
        };
        let direct = self.movers_of(x);
        let mut best: HashMap<usize, (f64, Vec<Push>)> = HashMap::new();
        let mut offer = |first: usize, score: f64, steps: Vec<Push>| {
            if best.get(&first).is_none_or(|(s, _)| score > *s) {
                best.insert(first, (score, steps));
            }
        };
        for &step in &direct {
            let b = step.mover;
            offer(b, self.score(&[step], x), vec![step]);
            for first in self.movers_of(b) {
                if first.mover == x || first.mover == b {
                    continue;
                }
                offer(
                    first.mover,
                    self.score(&[first, step], x),
                    vec![first, step],
                );
            }
        }
        let mut routes: Vec<Route> = best
            .into_iter()
            .map(|(_, (score, steps))| Route {
                via: steps.iter().map(|s| self.people[s.mover].id).collect(),
                ties: steps.iter().map(|s| s.tie).collect(),
                score,
                reason: self.reason(&steps, x),
            })
            .collect();
        crate::sort::by(&mut routes, |a, b| {
            b.score
                .total_cmp(&a.score)
                .then_with(|| a.reason.cmp(&b.reason))
        });
        routes
    }

    fn score(&self, steps: &[Push], x: usize) -> f64 {
        let Some(first) = steps.first() else {
            return 0.0;
        };
        let lead = &self.people[first.mover];
        let mut score = 0.5 + 0.5 * f64::from(lead.influence.min(100)) / 100.0;
        for s in steps {
            score *= s.strength.weight() * self.people[s.mover].support();
            if self.at_odds(s.mover, s.moved) || self.at_odds(s.mover, x) {
                score *= AT_ODDS_FACTOR;
            }
        }
        score
    }

    /// "Priya Raman → Dana Ortiz: Dana listens to Priya (strong); Priya is a Champion,
    /// influence 80".
    fn reason(&self, steps: &[Push], x: usize) -> String {
        let mut chain: Vec<&str> = steps
            .iter()
            .map(|s| self.people[s.mover].name.as_str())
            .collect();
        chain.push(&self.people[x].name);
        let mut parts: Vec<String> = steps
            .iter()
            .map(|s| {
                let (mover, moved) = (&self.people[s.mover], &self.people[s.moved]);
                let (m, d) = (mover.first_name(), moved.first_name());
                let how = match s.tie {
                    Tie::ListensTo => format!("{d} listens to {m}"),
                    Tie::ReportsTo => format!("{d} reports to {m}"),
                    Tie::AlliedWith => format!("{m} and {d} are allies"),
                    Tie::AtOddsWith => format!("{m} and {d} are at odds"),
                };
                format!("{how} ({})", s.strength.key())
            })
            .collect();
        if let Some(first) = steps.first() {
            let lead = &self.people[first.mover];
            let what = match lead.quadrant() {
                Quadrant::Champions => "a Champion",
                Quadrant::WinOver => "still to win over",
                Quadrant::Reassure => "still to reassure",
                Quadrant::KeepInformed => "kept informed",
            };
            parts.push(format!(
                "{} is {what}, influence {}",
                lead.first_name(),
                lead.influence
            ));
        }
        for s in steps {
            if s.moved != x && self.at_odds(s.mover, s.moved) {
                parts.push(format!(
                    "but {} and {} are at odds",
                    self.people[s.mover].first_name(),
                    self.people[s.moved].first_name()
                ));
            }
            if self.at_odds(s.mover, x) {
                parts.push(format!(
                    "but {} and {} are at odds",
                    self.people[s.mover].first_name(),
                    self.people[x].first_name()
                ));
            }
        }
        format!("{}: {}", chain.join(" → "), parts.join("; "))
    }

    /// How much each person is listened to: the weights of the ties through which they can move
    /// others, summed (a weighted in-degree of "listens to", "reports to" and allies), highest
    /// first; people nobody listens to are left out.
    pub fn listened_to(&self) -> Vec<(StakeholderId, f64)> {
        // The strongest tie between two people counts, as for routes.
        let mut sums: HashMap<usize, f64> = HashMap::new();
        for moved in 0..self.people.len() {
            for p in self.movers_of(moved) {
                *sums.entry(p.mover).or_default() += p.strength.weight();
            }
        }
        let mut out: Vec<(StakeholderId, f64)> = sums
            .into_iter()
            .map(|(i, w)| (self.people[i].id, w))
            .collect();
        crate::sort::by(&mut out, |a, b| {
            b.1.total_cmp(&a.1)
                .then_with(|| self.name_of(a.0).cmp(self.name_of(b.0)))
        });
        out
    }

    fn name_of(&self, id: StakeholderId) -> &str {
        self.index
            .get(&id)
            .map_or("", |&i| self.people[i].name.as_str())
    }

    /// Betweenness of each person over the ties (any kind but "at odds", either way), as
    /// Brandes computes it: for each pair of others, the share of shortest paths between them
    /// that pass through the person. Only people on some such path are listed, highest first.
    pub fn brokers(&self) -> Vec<(StakeholderId, f64)> {
        let n = self.people.len();
        let mut near: Vec<Vec<usize>> = vec![Vec::new(); n];
        for p in &self.pushes {
            for (a, b) in [(p.mover, p.moved), (p.moved, p.mover)] {
                if !near[a].contains(&b) {
                    near[a].push(b);
                }
            }
        }
        let mut between = vec![0.0f64; n];
        for s in 0..n {
            let mut order = Vec::with_capacity(n);
            let mut before: Vec<Vec<usize>> = vec![Vec::new(); n];
            let mut paths = vec![0.0f64; n];
            let mut dist = vec![usize::MAX; n];
            paths[s] = 1.0;
            dist[s] = 0;
            let mut queue = VecDeque::from([s]);
            while let Some(v) = queue.pop_front() {
                order.push(v);
                for &w in &near[v] {
                    if dist[w] == usize::MAX {
                        dist[w] = dist[v] + 1;
                        queue.push_back(w);
                    }
                    if dist[w] == dist[v] + 1 {
                        paths[w] += paths[v];
                        before[w].push(v);
                    }
                }
            }
            let mut owed = vec![0.0f64; n];
            while let Some(w) = order.pop() {
                for &v in &before[w] {
                    owed[v] += paths[v] / paths[w] * (1.0 + owed[w]);
                }
                if w != s {
                    between[w] += owed[w];
                }
            }
        }
        // Each unordered pair was counted from both ends.
        let mut out: Vec<(StakeholderId, f64)> = between
            .into_iter()
            .enumerate()
            .filter(|(_, b)| *b > 0.0)
            .map(|(i, b)| (self.people[i].id, b / 2.0))
            .collect();
        crate::sort::by(&mut out, |a, b| {
            b.1.total_cmp(&a.1)
                .then_with(|| self.name_of(a.0).cmp(self.name_of(b.0)))
        });
        out
    }

    /// Skeptics (to win over or to reassure) whom no supportive person (a Champion or someone
    /// kept informed) reaches in one or two steps, in the order of the people given.
    pub fn skeptics_without_route(&self) -> Vec<StakeholderId> {
        let supportive = |i: usize| {
            matches!(
                self.people[i].quadrant(),
                Quadrant::Champions | Quadrant::KeepInformed
            )
        };
        (0..self.people.len())
            .filter(|&x| {
                matches!(
                    self.people[x].quadrant(),
                    Quadrant::WinOver | Quadrant::Reassure
                )
            })
            .filter(|&x| {
                !self.movers_of(x).iter().any(|b| {
                    supportive(b.mover)
                        || self
                            .movers_of(b.mover)
                            .iter()
                            .any(|a| a.mover != x && supportive(a.mover))
                })
            })
            .map(|x| self.people[x].id)
            .collect()
    }

    /// Champions nobody on the map listens to, reports to or is allied with, in the order of the
    /// people given: support that does not yet reach anyone.
    pub fn unheard_champions(&self) -> Vec<StakeholderId> {
        let movers: HashSet<usize> = self.pushes.iter().map(|p| p.mover).collect();
        (0..self.people.len())
            .filter(|i| self.people[*i].quadrant() == Quadrant::Champions && !movers.contains(i))
            .map(|i| self.people[i].id)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(n: u128) -> StakeholderId {
        StakeholderId(uuid::Uuid::from_u128(n))
    }

    fn node(n: u128, name: &str, influence: u8, skepticism: u8) -> Node {
        Node {
            id: id(n),
            name: name.to_owned(),
            influence,
            skepticism,
        }
    }

    /// People numbered from 1, each in the middle of the map.
    fn middling(names: &[&str]) -> Vec<Node> {
        (1..)
            .zip(names)
            .map(|(n, name)| node(n, name, 50, 50))
            .collect()
    }

    fn link(from: u128, tie: Tie, to: u128, strength: TieStrength) -> Link {
        Link {
            from: id(from),
            to: id(to),
            tie,
            both_ways: matches!(tie, Tie::AlliedWith | Tie::AtOddsWith),
            strength,
        }
    }

    /// Dana (a skeptic) listens to Priya (a champion) strongly and to Ravi weakly; Ravi
    /// listens to Priya; Marcus reports to nobody and is at odds with Dana but allied with Ravi.
    fn sample() -> Network {
        let people = vec![
            node(1, "Dana Ortiz", 85, 80),
            node(2, "Priya Raman", 80, 10),
            node(3, "Ravi Menon", 30, 60),
            node(4, "Marcus Feld", 90, 70),
        ];
        let links = [
            link(1, Tie::ListensTo, 2, TieStrength::Strong),
            link(1, Tie::ListensTo, 3, TieStrength::Weak),
            link(3, Tie::ListensTo, 2, TieStrength::Moderate),
            link(4, Tie::AtOddsWith, 1, TieStrength::Strong),
            link(4, Tie::AlliedWith, 3, TieStrength::Moderate),
        ];
        Network::new(people, &links)
    }

    #[test]
    fn routes_rank_the_strong_supportive_ally_first_with_the_reason_in_words() {
        let routes = sample().routes_to(id(1));
        let firsts: Vec<StakeholderId> = routes.iter().map(|r| r.via[0]).collect();
        // Priya: 1.0 × 0.9 × (0.5 + 0.4) = 0.81. Ravi directly: 0.4 × 0.4 × 0.65 = 0.104.
        // Marcus via Ravi: 0.95 × 0.7 × 0.3 × 0.4 (at odds with Dana) × 0.4 × 0.4 = 0.0128.
        assert_eq!(firsts, [id(2), id(3), id(4)]);
        assert!((routes[0].score - 0.81).abs() < 1e-9);
        assert!((routes[1].score - 0.104).abs() < 1e-9);
        assert!((routes[2].score - 0.95 * 0.7 * 0.3 * AT_ODDS_FACTOR * 0.4 * 0.4).abs() < 1e-9);
        assert_eq!(
            routes[0].reason,
            "Priya Raman → Dana Ortiz: Dana listens to Priya (strong); Priya is a Champion, \
             influence 80"
        );
        assert_eq!(routes[2].via, [id(4), id(3)]);
        assert!(routes[2]
            .reason
            .ends_with("but Marcus and Dana are at odds"));
    }

    #[test]
    fn the_best_route_through_each_first_person_is_kept_and_nobody_routes_through_the_target() {
        let routes = sample().routes_to(id(3));
        // Ravi is moved by Priya (moderate) and Marcus (ally); Dana listens to Ravi, not the
        // other way, so Dana is no route.
        let firsts: HashSet<StakeholderId> = routes.iter().map(|r| r.via[0]).collect();
        assert_eq!(firsts, HashSet::from([id(2), id(4)]));
        assert_eq!(routes.len(), 2);
    }

    #[test]
    fn reports_to_gives_the_manager_the_route_and_a_two_way_tie_gives_it_back() {
        let people = vec![node(1, "Ana", 40, 80), node(2, "Ben", 70, 20)];
        let one_way = Network::new(
            people.clone(),
            &[link(1, Tie::ReportsTo, 2, TieStrength::Moderate)],
        );
        assert_eq!(one_way.routes_to(id(1)).len(), 1);
        assert!(one_way.routes_to(id(2)).is_empty());
        let mut both = link(1, Tie::ListensTo, 2, TieStrength::Weak);
        both.both_ways = true;
        let mutual = Network::new(people, &[both]);
        assert_eq!(mutual.routes_to(id(2))[0].via, [id(1)]);
        assert_eq!(
            mutual.routes_to(id(2))[0].reason,
            "Ana → Ben: Ben listens to Ana (weak); Ana is still to reassure, influence 40"
        );
    }

    #[test]
    fn links_to_people_not_on_the_map_or_to_oneself_are_left_out() {
        let net = Network::new(
            vec![node(1, "Ana", 40, 80)],
            &[
                link(1, Tie::ListensTo, 9, TieStrength::Strong),
                link(1, Tie::ListensTo, 1, TieStrength::Strong),
            ],
        );
        assert!(net.routes_to(id(1)).is_empty());
        assert!(net.listened_to().is_empty());
        assert!(net.routes_to(id(9)).is_empty());
    }

    #[test]
    fn listened_to_sums_the_weights_of_the_ties_each_person_moves_others_through() {
        let listened = sample().listened_to();
        // Priya: Dana (strong 1.0) + Ravi (moderate 0.7). Ravi: Dana (weak 0.4) + Marcus
        // (ally 0.7). Marcus: Ravi (ally 0.7). Dana moves nobody.
        let got: Vec<(StakeholderId, String)> = listened
            .iter()
            .map(|(i, w)| (*i, format!("{w:.1}")))
            .collect();
        assert_eq!(
            got,
            [
                (id(2), "1.7".to_owned()),
                (id(3), "1.1".to_owned()),
                (id(4), "0.7".to_owned())
            ]
        );
    }

    #[test]
    fn the_strongest_tie_between_two_people_counts_and_odds_on_the_way_are_said() {
        let people = middling(&["Ann", "Bo", "Cleo"]);
        let links = [
            // Bo listens to Ann twice over (a weak and a strong relationship); they are also
            // at odds.
            link(2, Tie::ListensTo, 1, TieStrength::Weak),
            link(2, Tie::ListensTo, 1, TieStrength::Strong),
            link(1, Tie::AtOddsWith, 2, TieStrength::Weak),
            link(3, Tie::ListensTo, 2, TieStrength::Moderate),
        ];
        let net = Network::new(people, &links);
        let listened: Vec<(StakeholderId, f64)> = net.listened_to();
        assert_eq!(listened, [(id(1), 1.0), (id(2), 0.7)]);
        let through_bo = net.routes_to(id(3));
        assert_eq!(through_bo[1].via, [id(1), id(2)]);
        assert!(
            through_bo[1].reason.ends_with("but Ann and Bo are at odds"),
            "{}",
            through_bo[1].reason
        );
        // Bo directly: 0.7 × 0.5 × 0.75; Ann through Bo: 1.0 × 0.5 × 0.4 × 0.7 × 0.5 × 0.75.
        assert!((through_bo[0].score - 0.7 * 0.5 * 0.75).abs() < 1e-9);
        assert!((through_bo[1].score - 0.5 * AT_ODDS_FACTOR * 0.7 * 0.5 * 0.75).abs() < 1e-9);
    }

    #[test]
    fn brokers_are_the_people_between_otherwise_separate_groups() {
        // Two triangles joined only through Cleo: A–B–Cleo and Cleo–D–E, with Cleo between.
        let people = middling(&["Ann", "Bo", "Cleo", "Dev", "Eve"]);
        let s = TieStrength::Moderate;
        let links = [
            link(1, Tie::AlliedWith, 2, s),
            link(1, Tie::ListensTo, 3, s),
            link(2, Tie::ListensTo, 3, s),
            link(4, Tie::ReportsTo, 3, s),
            link(5, Tie::ListensTo, 3, s),
            link(4, Tie::AlliedWith, 5, s),
            // At odds is no path.
            link(1, Tie::AtOddsWith, 5, s),
        ];
        let brokers = Network::new(people, &links).brokers();
        // Every path between {Ann, Bo} and {Dev, Eve} (4 pairs) runs through Cleo only.
        assert_eq!(brokers, [(id(3), 4.0)]);
    }

    #[test]
    fn brokers_share_equal_shortest_paths() {
        // A square Ann–Bo–Cleo–Dev–Ann: Ann to Cleo has two shortest paths, via Bo and via Dev.
        let people = middling(&["Ann", "Bo", "Cleo", "Dev"]);
        let s = TieStrength::Weak;
        let links = [
            link(1, Tie::AlliedWith, 2, s),
            link(2, Tie::AlliedWith, 3, s),
            link(3, Tie::AlliedWith, 4, s),
            link(4, Tie::AlliedWith, 1, s),
        ];
        let brokers = Network::new(people, &links).brokers();
        // Each person carries half of the one pair opposite them.
        assert_eq!(
            brokers,
            [(id(1), 0.5), (id(2), 0.5), (id(3), 0.5), (id(4), 0.5)]
        );
    }

    #[test]
    fn skeptics_without_a_supportive_route_and_champions_nobody_hears() {
        let net = sample();
        // Dana is reached by Priya (a Champion). Marcus (to win over) is moved only by Ravi (to
        // reassure), whom Priya moves: a supportive route of two steps. So every skeptic has one.
        assert!(net.skeptics_without_route().is_empty());
        assert!(net.unheard_champions().is_empty());

        let people = vec![
            node(1, "Dana Ortiz", 85, 80),
            node(2, "Priya Raman", 80, 10),
            node(3, "Ravi Menon", 30, 60),
            node(4, "Marcus Feld", 90, 70),
        ];
        // Dana listens only to Marcus, another skeptic, who listens to nobody; Priya is heard by
        // no one.
        let net = Network::new(people, &[link(1, Tie::ListensTo, 4, TieStrength::Strong)]);
        assert_eq!(net.skeptics_without_route(), [id(1), id(3), id(4)]);
        assert_eq!(net.unheard_champions(), [id(2)]);
    }
}
