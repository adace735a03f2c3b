//! The register preview: each column of a spreadsheet with what it will be read as, how its
//! values become places (a scale, or a table of words), the first people as they would come
//! in, every row with a problem, and where they go. Nothing changes until the user confirms.

use super::modal::Modal;
use super::radio_group::RadioGroup;
use crate::format::register::{
    Axis, ColumnPlan, Existing, Reading, RegisterImport, Scale, Use, SCALES,
};
use crate::state::{use_sharing, use_ui, RegisterReview, Sharing};
use leptos::prelude::*;

/// How many people the preview table shows.
const PREVIEW_ROWS: usize = 8;

fn people(n: usize) -> String {
    if n == 1 {
        "1 person".into()
    } else {
        format!("{n} people")
    }
}

/// What the axis means, for the word table's hint.
fn axis_hint(axis: Axis) -> &'static str {
    if axis.is_skepticism() {
        "skepticism: 0 convinced advocate, 100 openly opposed"
    } else {
        "influence: 0 no say, 100 decides the program's fate"
    }
}

/// The summary line over the preview.
fn counts(import: &RegisterImport) -> String {
    let placed = import.placed().count();
    let unplaced = import.unplaced().count();
    let mut out = format!(
        "{} found: {placed} placed from the sheet",
        people(import.rows.len())
    );
    if unplaced > 0 {
        out.push_str(&format!(", {unplaced} to place by hand"));
    }
    if !import.left_out.is_empty() {
        let n = import.left_out.len();
        out.push_str(&format!(
            "; {n} row{} left out",
            if n == 1 { "" } else { "s" }
        ));
    }
    out.push('.');
    out
}

/// The menu of what a column is read as.
fn use_menu(sharing: Sharing, col: usize, plan: &ColumnPlan) -> impl IntoView {
    let current = plan.used.token();
    let label = format!("Read “{}” as", plan.header);
    view! {
        <select
            aria-label=label
            on:change=move |ev| {
                if let Some(used) = Use::from_token(&event_target_value(&ev)) {
                    sharing.set_column_use(col, used);
                }
            }
        >
            {Use::choices()
                .into_iter()
                .map(|u| {
                    let token = u.token();
                    let selected = token == current;
                    view! { <option value=token selected=selected>{u.label()}</option> }
                })
                .collect_view()}
        </select>
    }
}

/// How an axis column's values read: a scale menu, or a table of its words.
fn reading_view(sharing: Sharing, col: usize, plan: &ColumnPlan) -> AnyView {
    let Some(axis) = plan.used.axis() else {
        return ().into_any();
    };
    let header = plan.header.clone();
    match plan.reading.clone() {
        Some(Reading::Scale(scale)) => {
            let options = options_for(scale);
            let chosen = options.clone();
            let reversed = matches!(plan.used, Use::Support);
            view! {
                <label class="scale">
                    "Numbers on a scale of "
                    <select
                        aria-label=format!("Scale of “{header}”")
                        on:change=move |ev| {
                            let i: usize = event_target_value(&ev).parse().unwrap_or(usize::MAX);
                            if let Some((s, _)) = chosen.get(i) {
                                sharing.set_column_scale(col, *s);
                            }
                        }
                    >
                        {options
                            .iter()
                            .enumerate()
                            .map(|(i, (s, w))| {
                                view! {
                                    <option value=i.to_string() selected=*s == scale>
                                        {w.clone()}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                    {if reversed {
                        " (more support, less skepticism)"
                    } else {
                        ""
                    }}
                </label>
            }
            .into_any()
        }
        Some(Reading::Words(words)) => view! {
            <table class="values">
                <caption>{format!("Where each value of “{header}” puts people ({})", axis_hint(axis))}</caption>
                <thead>
                    <tr>
                        <th scope="col">"Value"</th>
                        <th scope="col">"Rows"</th>
                        <th scope="col">"Place (0–100; empty: by hand)"</th>
                    </tr>
                </thead>
                <tbody>
                    {words
                        .into_iter()
                        .map(|w| {
                            let word = w.word.clone();
                            let label = format!("Place for “{}” in “{header}”", w.word);
                            view! {
                                <tr>
                                    <th scope="row">{w.word.clone()}</th>
                                    <td>{w.rows}</td>
                                    <td>
                                        <input
                                            type="number"
                                            min="0"
                                            max="100"
                                            inputmode="numeric"
                                            aria-label=label
                                            placeholder="by hand"
                                            prop:value=w.place.map(|p| p.to_string()).unwrap_or_default()
                                            on:change=move |ev| {
                                                let text = event_target_value(&ev);
                                                let place = text.trim().parse::<f64>().ok().map(|v| v.clamp(0.0, 100.0).round() as u8);
                                                sharing.set_word_place(col, &word, place);
                                            }
                                        />
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        }
        .into_any(),
        None => ().into_any(),
    }
}

/// The scale menu's options, the same list the menu was drawn from.
fn options_for(scale: Scale) -> Vec<(Scale, String)> {
    let mut options: Vec<(Scale, String)> =
        SCALES.iter().map(|(s, w)| (*s, (*w).to_owned())).collect();
    if !options.iter().any(|(s, _)| *s == scale) {
        options.insert(0, (scale, scale.words()));
    }
    options
}

/// A few cells of a column, to show what it holds.
fn sample(review: &RegisterReview, col: usize) -> String {
    let grid = review.grid();
    let mut seen: Vec<&str> = Vec::new();
    for row in grid.rows.iter().skip(review.mapping.header_row + 1) {
        let cell = row.cells.get(col).map_or("", |c| c.trim());
        if !cell.is_empty() && !seen.contains(&cell) {
            seen.push(cell);
        }
        if seen.len() == 3 {
            break;
        }
    }
    let text = seen.join(" · ");
    if text.chars().count() > 60 {
        text.chars().take(59).collect::<String>() + "…"
    } else {
        text
    }
}

fn columns_view(sharing: Sharing, review: &RegisterReview) -> impl IntoView {
    review
        .mapping
        .columns
        .iter()
        .enumerate()
        .filter(|(_, c)| !c.header.is_empty())
        .map(|(col, plan)| {
            let why = plan.reason.words();
            let sample = sample(review, col);
            view! {
                <li class="column">
                    <div class="column-head">
                        <strong>{plan.header.clone()}</strong>
                        {use_menu(sharing, col, plan)}
                    </div>
                    <p class="hint">
                        {if sample.is_empty() { "(empty)".to_owned() } else { sample }}
                        {(!why.is_empty()).then(|| format!(" — {why}"))}
                    </p>
                    {reading_view(sharing, col, plan)}
                </li>
            }
        })
        .collect_view()
}

fn preview_table(import: &RegisterImport) -> impl IntoView {
    let rows: Vec<_> = import.rows.iter().take(PREVIEW_ROWS).cloned().collect();
    let more = import.rows.len().saturating_sub(PREVIEW_ROWS);
    view! {
        <table class="preview">
            <caption>"The first people as they would come in"</caption>
            <thead>
                <tr>
                    <th scope="col">"Row"</th>
                    <th scope="col">"Name"</th>
                    <th scope="col">"Role"</th>
                    <th scope="col">"Organisation"</th>
                    <th scope="col">"Influence"</th>
                    <th scope="col">"Skepticism"</th>
                </tr>
            </thead>
            <tbody>
                {rows
                    .into_iter()
                    .map(|r| {
                        let place = match &r.unplaced {
                            None => view! {
                                <td>{r.fields.position.influence}</td>
                                <td>{r.fields.position.skepticism}</td>
                            }
                            .into_any(),
                            Some(why) => view! {
                                <td colspan="2" class="by-hand">{format!("By hand: {why}")}</td>
                            }
                            .into_any(),
                        };
                        view! {
                            <tr>
                                <td>{r.row}</td>
                                <th scope="row">{r.fields.name.clone()}</th>
                                <td>{r.fields.role.clone()}</td>
                                <td>{r.fields.organisation.clone()}</td>
                                {place}
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
        {(more > 0).then(|| view! { <p class="hint">{format!("…and {} more.", people(more))}</p> })}
    }
}

fn problems_view(import: &RegisterImport) -> impl IntoView {
    let mut lines: Vec<(usize, String)> = import
        .left_out
        .iter()
        .map(|p| (p.row, format!("Row {}: left out, {}.", p.row, p.reason)))
        .chain(import.unplaced().map(|r| {
            (
                r.row,
                format!(
                    "Row {}: {} cannot be placed from the sheet ({}).",
                    r.row,
                    r.fields.name,
                    r.unplaced.clone().unwrap_or_default()
                ),
            )
        }))
        .chain(
            import
                .notes
                .iter()
                .map(|p| (p.row, format!("Row {}: {}", p.row, p.reason))),
        )
        .collect();
    lines.sort_by_key(|(row, _)| *row);
    let shown = lines.len().min(50);
    let more = lines.len() - shown;
    (!lines.is_empty()).then(|| {
        view! {
            <section aria-labelledby="register-problems">
                <h3 id="register-problems">{format!("Rows with problems ({})", lines.len())}</h3>
                <ul class="problems">
                    {lines
                        .into_iter()
                        .take(shown)
                        .map(|(_, l)| view! { <li>{l}</li> })
                        .collect_view()}
                </ul>
                {(more > 0).then(|| view! { <p class="hint">{format!("…and {more} more.")}</p> })}
            </section>
        }
    })
}

/// Opens while a register is under review, or a workbook is being read.
#[component]
pub fn RegisterDialog() -> impl IntoView {
    let sharing = use_sharing();
    let ui = use_ui();
    let open = Signal::derive(move || {
        sharing.register_review().is_some() || sharing.reading_workbook().is_some()
    });
    let cancel = move || {
        sharing.cancel_reading();
        sharing.cancel_register();
    };
    let body = move || {
        if let Some(name) = sharing.reading_workbook() {
            return view! {
                <h2 id="register-title">{format!("Reading “{name}”…")}</h2>
                <p role="status">"Reading the workbook’s sheets. Nothing changes until you confirm."</p>
                <div class="row end">
                    <button type="button" on:click=move |_| cancel()>"Cancel"</button>
                </div>
            }
            .into_any();
        }
        let Some(review) = sharing.register_review() else {
            return ().into_any();
        };
        let import = review.import.clone();
        let has_name = review.mapping.has_name();
        let coming = import.placed().count()
            + if review.to_tray {
                import.unplaced().count()
            } else {
                0
            };
        let sheets: Vec<(usize, String)> = review
            .book
            .sheets
            .iter()
            .enumerate()
            .map(|(i, g)| (i, format!("{} ({} rows)", g.name, g.rows.len())))
            .collect();
        let header_number = review
            .grid()
            .rows
            .get(review.mapping.header_row)
            .map_or(1, |r| r.number);
        let unplaced = import.unplaced().count();
        view! {
            <h2 id="register-title">{format!("Bring in “{}”", review.file_name)}</h2>
            {(sheets.len() > 1).then(|| {
                let chosen = review.sheet;
                view! {
                    <label class="sheet-choice">
                        "Sheet "
                        <select on:change=move |ev| {
                            if let Ok(i) = event_target_value(&ev).parse() {
                                sharing.choose_sheet(i);
                            }
                        }>
                            {sheets
                                .into_iter()
                                .map(|(i, label)| view! { <option value=i.to_string() selected=i == chosen>{label}</option> })
                                .collect_view()}
                        </select>
                    </label>
                }
            })}
            <p id="register-summary">
                {format!("Headers in row {header_number}. {}", counts(&import))}
            </p>
            {review.recalled.then(|| view! {
                <p class="hint">"Using the choices you made for a file with these columns before."</p>
            })}
            {import.defaults.iter().map(|d| view! { <p class="hint">{d.clone()}</p> }).collect_view()}
            <section aria-labelledby="register-columns">
                <h3 id="register-columns">"Columns"</h3>
                <p class="hint">"Check what each column is read as. E-mail and phone columns stay out unless you add them to the notes."</p>
                <ul class="columns">{columns_view(sharing, &review)}</ul>
            </section>
            <section aria-labelledby="register-people">
                <h3 id="register-people">"People"</h3>
                {if has_name {
                    preview_table(&import).into_any()
                } else {
                    view! { <p class="error" role="alert">"Choose the column that holds people’s names."</p> }.into_any()
                }}
            </section>
            {problems_view(&import)}
            <section aria-labelledby="register-where">
                <h3 id="register-where">"Where they go"</h3>
                <RadioGroup
                    legend="Bring them"
                    name="register-target"
                    options=vec![(true, "Into the open map"), (false, "Into a new map")]
                    chosen=Signal::derive(move || sharing.register_review().is_some_and(|r| r.into_current))
                    choose=move |into| sharing.register_into_current(into)
                />
                {(review.on_map > 0).then(|| view! {
                    <RadioGroup
                        legend=if review.on_map == 1 { "1 person is already on this map (matched by name)" } else { "Some people are already on this map (matched by name)" }
                        name="register-existing"
                        options=vec![
                            (Existing::Update, "Update them with the sheet’s values"),
                            (Existing::Skip, "Leave them as they are"),
                            (Existing::AddAgain, "Add them again as new people"),
                        ]
                        chosen=Signal::derive(move || sharing.register_review().map(|r| r.existing).unwrap_or_default())
                        choose=move |e| sharing.register_existing(e)
                    />
                })}
                {(unplaced > 0).then(|| view! {
                    <label class="check">
                        <input
                            type="checkbox"
                            prop:checked=review.to_tray
                            on:change=move |ev| sharing.register_to_tray(event_target_checked(&ev))
                        />
                        {format!("Put the {} that cannot be placed from the sheet in the quick-add tray, to place by hand", people(unplaced))}
                    </label>
                })}
            </section>
            <div class="row end">
                <button
                    type="button"
                    class="primary"
                    disabled=!has_name || coming == 0
                    on:click=move |_| {
                        let names = sharing.confirm_register();
                        ui.put_in_tray(&names);
                    }
                >
                    {format!("Bring in {}", people(coming))}
                </button>
                <button type="button" on:click=move |_| cancel()>"Cancel"</button>
            </div>
        }
        .into_any()
    };
    view! {
        <Modal
            open=open
            on_cancel=Callback::new(move |_| cancel())
            labelled_by="register-title"
            described_by="register-summary"
            class="register"
        >
            {body}
        </Modal>
    }
}
