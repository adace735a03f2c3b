//! The map then and now as two small pictures side by side, for the one-page report: the
//! quadrants, a dot per person with a short label, and who was added or removed since marked.

use crate::model::{Dot, Position, Presence, Quadrant, AXIS_MAX};
use leptos::prelude::*;

// The plot inside each picture's 200 × 200 view box, leaving room for the axis names.
const X0: f64 = 16.0;
const Y0: f64 = 4.0;
const SIDE: f64 = 176.0;

fn at(p: Position) -> (f64, f64) {
    let max = f64::from(AXIS_MAX);
    (
        X0 + SIDE * f64::from(p.skepticism) / max,
        Y0 + SIDE - SIDE * f64::from(p.influence) / max,
    )
}

/// One small picture.
#[component]
fn MapPicture(title: &'static str, dots: Vec<Dot>) -> impl IntoView {
    let half = SIDE / 2.0;
    let marked = |presence| dots.iter().filter(|d| d.presence == presence).count();
    let summary = {
        let mut s = match dots.len() {
            1 => format!("{title}: 1 person"),
            n => format!("{title}: {n} people"),
        };
        match (marked(Presence::Added), marked(Presence::Removed)) {
            (0, 0) => {}
            (a, 0) => s.push_str(&format!(", {a} added since")),
            (_, r) => s.push_str(&format!(", {r} removed since")),
        }
        for (i, q) in Quadrant::ALL.iter().enumerate() {
            let n = dots.iter().filter(|d| d.position.quadrant() == *q).count();
            s.push_str(if i == 0 { ": " } else { ", " });
            s.push_str(&format!("{n} {}", q.name()));
        }
        s
    };
    view! {
        <figure class="report-picture">
            <figcaption>{title}</figcaption>
            <svg viewBox="0 0 200 200" role="img" aria-label=summary>
                {Quadrant::ALL
                    .iter()
                    .map(|q| {
                        let x = match q {
                            Quadrant::Champions | Quadrant::KeepInformed => X0,
                            Quadrant::WinOver | Quadrant::Reassure => X0 + half,
                        };
                        let y = match q {
                            Quadrant::Champions | Quadrant::WinOver => Y0,
                            Quadrant::KeepInformed | Quadrant::Reassure => Y0 + half,
                        };
                        view! {
                            <rect class=format!("quadrant-fill q-{}", q.key()) x=x y=y width=half height=half />
                        }
                    })
                    .collect_view()}
                <line class="midline" x1=X0 + half y1=Y0 x2=X0 + half y2=Y0 + SIDE />
                <line class="midline" x1=X0 y1=Y0 + half x2=X0 + SIDE y2=Y0 + half />
                <rect class="frame" x=X0 y=Y0 width=SIDE height=SIDE />
                <text class="axis" x=X0 + half y="196" text-anchor="middle">"Skepticism →"</text>
                <text class="axis" x="10" y=Y0 + half text-anchor="middle" transform=format!("rotate(-90 10 {})", Y0 + half)>"Influence →"</text>
                {dots
                    .into_iter()
                    .map(|d| {
                        let (x, y) = at(d.position);
                        let class = match d.presence {
                            Presence::Both => format!("dot q-{}", d.position.quadrant().key()),
                            Presence::Added => format!("dot added q-{}", d.position.quadrant().key()),
                            Presence::Removed => "dot removed".to_owned(),
                        };
                        // Labels near the right edge go on the left of the dot.
                        let (lx, anchor) = if x > X0 + SIDE - 30.0 { (x - 5.0, "end") } else { (x + 5.0, "start") };
                        view! {
                            <g class=class>
                                <circle cx=x cy=y r="3.5" />
                                <text x=lx y=y + 2.5 text-anchor=anchor>{d.label}</text>
                            </g>
                        }
                    })
                    .collect_view()}
            </svg>
        </figure>
    }
}

/// The two pictures, with a key to the marks.
#[component]
pub fn ReportPictures(then: Vec<Dot>, now: Vec<Dot>) -> impl IntoView {
    view! {
        <div class="report-pictures">
            <MapPicture title="Then" dots=then />
            <MapPicture title="Now" dots=now />
        </div>
        <p class="hint picture-key">
            "Each dot is one person. Hollow grey: removed since. Ringed: added since. \
             Neither is counted in the figures."
        </p>
    }
}
