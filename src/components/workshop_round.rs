//! The workshop round: participants' files compared on one map, with each view, the mean and
//! the spread per stakeholder, and buttons to adopt the mean or one participant's view.

use super::file_io::read_picked;
use crate::model::{Plot, Position, Quadrant, RoundRow};
use crate::state::{use_platform, use_sharing, use_store};
use leptos::prelude::*;

fn short(p: Position) -> String {
    format!("{} / {}", p.influence, p.skepticism)
}

/// The round's picture: for each stakeholder placed, every participant's dot, a cross one
/// standard deviation each way around the mean, the mean itself, and where the map has them.
fn round_plot(rows: Vec<RoundRow>) -> impl IntoView {
    let plot = Plot::for_size(760.0, 560.0);
    let (mx, my) = plot.point(Position {
        influence: 50,
        skepticism: 50,
    });
    let people = rows
        .into_iter()
        .filter_map(|r| r.spread.map(|s| (r, s)))
        .map(|(r, s)| {
            let (cx, cy) = (plot.x(s.skepticism), plot.y(s.influence));
            let (x_lo, x_hi) = (plot.x(s.skepticism - s.sd_skepticism), plot.x(s.skepticism + s.sd_skepticism));
            let (y_lo, y_hi) = (plot.y(s.influence - s.sd_influence), plot.y(s.influence + s.sd_influence));
            let (nx, ny) = plot.point(r.current);
            let dots = r
                .views
                .iter()
                .flatten()
                .map(|p| {
                    let (x, y) = plot.point(*p);
                    view! { <circle class="round-view" cx=x cy=y r="4" /> }
                })
                .collect_view();
            let quadrant = Quadrant::of(s.mean()).key();
            view! {
                <g class=format!("round-person q-{quadrant}")>
                    <title>{format!(
                        "{}: mean influence {:.0}, skepticism {:.0}; spread ±{:.0} / ±{:.0}; {} placed them",
                        r.name, s.influence, s.skepticism, s.sd_influence, s.sd_skepticism, s.count
                    )}</title>
                    {dots}
                    <line class="round-spread" x1=x_lo y1=cy x2=x_hi y2=cy />
                    <line class="round-spread" x1=cx y1=y_lo x2=cx y2=y_hi />
                    <circle class="round-now" cx=nx cy=ny r="7" />
                    <circle class="round-mean" cx=cx cy=cy r="6" />
                    <text class="round-label" x=cx + 9.0 y=cy - 8.0>{r.name.clone()}</text>
                </g>
            }
        })
        .collect_view();
    view! {
        <svg
            class="round-svg"
            viewBox=format!("0 0 {} {}", plot.width, plot.height)
            role="img"
            aria-label="Workshop round on the map: each participant's placement as a small dot, the mean as a filled dot with a cross one standard deviation each way, and the map's current position as a ring"
        >
            <rect class="round-frame" x=plot.x0() y=plot.y0() width=plot.x1() - plot.x0() height=plot.y1() - plot.y0() />
            <line class="round-axis" x1=mx y1=plot.y0() x2=mx y2=plot.y1() />
            <line class="round-axis" x1=plot.x0() y1=my x2=plot.x1() y2=my />
            <text class="round-axis-label" x=(plot.x0() + plot.x1()) / 2.0 y=plot.height - 10.0 text-anchor="middle">"Skepticism →"</text>
            <text class="round-axis-label" x="14" y=(plot.y0() + plot.y1()) / 2.0 text-anchor="middle"
                transform=format!("rotate(-90 14 {})", (plot.y0() + plot.y1()) / 2.0)>"Influence →"</text>
            {people}
        </svg>
    }
}

/// The workshop round view.
#[component]
pub fn WorkshopRound() -> impl IntoView {
    let store = use_store();
    let sharing = use_sharing();
    let platform = use_platform();
    let rows = Memo::new(move |_| sharing.round());
    let participants = move || sharing.participants();
    let has_round = move || !participants().is_empty();
    let placed_rows = move || rows.with(|r| r.iter().filter(|r| r.spread.is_some()).count());

    view! {
        <section class="workshop-round" aria-labelledby="round-title">
            <h2 id="round-title">"Workshop round"</h2>
            <p class="hint">
                "Send each participant a copy of this map (Export map). Each places the people as they see them and sends the file back. Add the files here: you will see every view, the mean and how far apart the room is, then adopt the mean or one person's view."
            </p>
            <div class="row">
                <label class="button primary" for="round-files">"Add participants' files…"</label>
                <input
                    id="round-files"
                    class="visually-hidden"
                    type="file"
                    multiple
                    accept=".json,application/json"
                    on:change=move |ev| {
                        read_picked(platform, store, ev, move |name, bytes| sharing.add_participant(name, bytes))
                    }
                />
                <Show when=has_round>
                    <button type="button" on:click=move |_| sharing.adopt_all_means()>
                        "Adopt all means"
                    </button>
                    <button type="button" on:click=move |_| sharing.clear_round()>
                        "End the round"
                    </button>
                </Show>
            </div>
            <Show
                when=has_round
                fallback=|| view! { <p class="empty">"No participants yet: add their map files to start."</p> }
            >
                <h3>"Participants"</h3>
                <ul class="participants">
                    {move || {
                        participants()
                            .into_iter()
                            .enumerate()
                            .map(|(i, p)| {
                                let label = p.label.clone();
                                view! {
                                    <li>
                                        <span>{format!("{} ({} placed)", p.label, p.positions.len())}</span>
                                        <button
                                            type="button"
                                            on:click=move |_| sharing.adopt_participant(i)
                                        >
                                            {format!("Adopt {label}'s view")}
                                        </button>
                                        <button
                                            type="button"
                                            aria-label=format!("Remove {} from the round", p.label)
                                            on:click=move |_| sharing.remove_participant(i)
                                        >
                                            "Remove"
                                        </button>
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
                <p>{move || format!("{} of the map's people were placed by at least one participant.", placed_rows())}</p>
                {move || round_plot(rows.get())}
                <table class="round-table">
                    <caption>"Placements as influence / skepticism"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Stakeholder"</th>
                            <th scope="col">"On the map"</th>
                            {move || participants().into_iter().map(|p| view! { <th scope="col">{p.label}</th> }).collect_view()}
                            <th scope="col">"Mean"</th>
                            <th scope="col">"Spread (±)"</th>
                            <th scope="col"><span class="visually-hidden">"Adopt"</span></th>
                        </tr>
                    </thead>
                    <tbody>
                        {move || {
                            rows.get()
                                .into_iter()
                                .map(|r| {
                                    let id = r.id;
                                    let name = r.name.clone();
                                    view! {
                                        <tr>
                                            <th scope="row">{r.name.clone()}</th>
                                            <td>{short(r.current)}</td>
                                            {r.views.iter().map(|v| view! { <td>{v.map(short).unwrap_or_else(|| "–".into())}</td> }).collect_view()}
                                            <td>{r.spread.map(|s| short(s.mean())).unwrap_or_else(|| "–".into())}</td>
                                            <td>{r.spread.map(|s| format!("{:.0} / {:.0}", s.sd_influence, s.sd_skepticism)).unwrap_or_else(|| "–".into())}</td>
                                            <td>
                                                {r.spread.map(|_| view! {
                                                    <button
                                                        type="button"
                                                        aria-label=format!("Adopt the mean for {name}")
                                                        on:click=move |_| sharing.adopt_mean(id)
                                                    >
                                                        "Adopt mean"
                                                    </button>
                                                })}
                                            </td>
                                        </tr>
                                    }
                                })
                                .collect_view()
                        }}
                    </tbody>
                </table>
            </Show>
        </section>
    }
}
