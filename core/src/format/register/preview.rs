//! The register preview's body as markup, built from the review in one pass by the session in
//! the sheets worker; the app shows it as it comes. Every text that came from the file goes
//! through [`escape_markup`]; every control carries a `data-act` (and the column or value it
//! is about) for the app's one handler, which sends them back as an [`super::Act`].
//!
//! [`escape_markup`]: crate::format::escape_markup

use super::session::Review;
use super::{Axis, Existing, Reading, RegisterImport, Scale, Use, SCALES};
use crate::format::escape_markup as esc;
use std::fmt::Write;

/// How many people the preview table shows.
pub const PREVIEW_ROWS: usize = 8;
/// How many rows with problems the preview lists.
pub const PROBLEMS_SHOWN: usize = 50;

/// "1 person", "3 people".
pub fn people(n: usize) -> String {
    if n == 1 {
        "1 person".into()
    } else {
        format!("{n} people")
    }
}

/// The scales a numeric column's menu offers: the usual ones, and the detected one when it is
/// none of them. The handler reads the chosen index back from the same list.
pub fn scale_options(scale: Scale) -> Vec<(Scale, String)> {
    let mut options: Vec<(Scale, String)> =
        SCALES.iter().map(|(s, w)| (*s, (*w).to_owned())).collect();
    if !options.iter().any(|(s, _)| *s == scale) {
        options.insert(0, (scale, scale.words()));
    }
    options
}

fn counts(import: &RegisterImport) -> String {
    let placed = import.placed().count();
    let unplaced = import.unplaced().count();
    let mut out = format!(
        "{} found: {placed} placed from the sheet",
        people(import.rows.len())
    );
    if unplaced > 0 {
        let _ = write!(out, ", {unplaced} to place by hand");
    }
    let n = import.left_out.len();
    if n > 0 {
        let _ = write!(out, "; {n} row{} left out", if n == 1 { "" } else { "s" });
    }
    out.push('.');
    out
}

fn option(out: &mut String, value: &str, label: &str, selected: bool) {
    let _ = write!(
        out,
        "<option value=\"{}\"{}>{}</option>",
        esc(value),
        if selected { " selected" } else { "" },
        esc(label)
    );
}

fn radios(out: &mut String, act: &str, legend: &str, options: &[(&str, &str, bool)]) {
    let _ = write!(
        out,
        "<fieldset class=\"choice\"><legend>{}</legend>",
        esc(legend)
    );
    for (value, label, checked) in options {
        let _ = write!(
            out,
            "<label><input type=\"radio\" name=\"rg-{act}\" id=\"rg-{act}-{value}\" \
             data-act=\"{act}\" value=\"{value}\"{}> {}</label>",
            if *checked { " checked" } else { "" },
            esc(label)
        );
    }
    out.push_str("</fieldset>");
}

/// A few different cells of a column, to show what it holds.
fn sample(review: &Review, col: usize) -> String {
    let mut seen: Vec<&str> = Vec::new();
    for row in review
        .grid()
        .rows
        .iter()
        .skip(review.mapping.header_row + 1)
    {
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

fn axis_hint(axis: Axis) -> &'static str {
    if axis.is_skepticism() {
        "skepticism: 0 convinced advocate, 100 openly opposed"
    } else {
        "influence: 0 no say, 100 decides the program’s fate"
    }
}

fn column(out: &mut String, review: &Review, col: usize) {
    let Some(plan) = review.mapping.columns.get(col) else {
        return;
    };
    let header = esc(&plan.header);
    let _ = write!(
        out,
        "<li class=\"column\"><div class=\"column-head\"><label for=\"rg-use-{col}\">\
         <strong>{header}</strong></label><select id=\"rg-use-{col}\" data-act=\"use\" \
         data-col=\"{col}\">"
    );
    let current = plan.used.token();
    for u in Use::choices() {
        let token = u.token();
        option(out, &token, &u.label(), token == current);
    }
    let sample = sample(review, col);
    let why = plan.reason.words();
    let _ = write!(
        out,
        "</select></div><p class=\"hint\">{}{}</p>",
        if sample.is_empty() {
            "(empty)".to_owned()
        } else {
            esc(&sample)
        },
        if why.is_empty() {
            String::new()
        } else {
            format!(" — {why}")
        }
    );
    let axis = plan.used.axis();
    match (&plan.reading, axis) {
        (Some(Reading::Scale(scale)), Some(_)) => {
            let _ = write!(
                out,
                "<p class=\"scale\"><label for=\"rg-scale-{col}\">Numbers on a scale of</label> \
                 <select id=\"rg-scale-{col}\" data-act=\"scale\" data-col=\"{col}\">"
            );
            for (i, (s, words)) in scale_options(*scale).iter().enumerate() {
                option(out, &i.to_string(), words, s == scale);
            }
            out.push_str("</select>");
            if matches!(plan.used, Use::Support) {
                out.push_str(" (more support, less skepticism)");
            }
            out.push_str("</p>");
        }
        (Some(Reading::Words(words)), Some(axis)) => {
            let _ = write!(
                out,
                "<table class=\"values\"><caption>Where each value of “{header}” puts people \
                 ({})</caption><thead><tr><th scope=\"col\">Value</th><th scope=\"col\">Rows</th>\
                 <th scope=\"col\">Place (0–100; empty: by hand)</th></tr></thead><tbody>",
                axis_hint(axis)
            );
            for (i, w) in words.iter().enumerate() {
                let word = esc(&w.word);
                let _ = write!(
                    out,
                    "<tr><th scope=\"row\">{word}</th><td>{}</td><td><input type=\"number\" \
                     min=\"0\" max=\"100\" inputmode=\"numeric\" placeholder=\"by hand\" \
                     id=\"rg-word-{col}-{i}\" data-act=\"word\" data-col=\"{col}\" \
                     data-item=\"{i}\" aria-label=\"Place for “{word}” in “{header}”\" \
                     value=\"{}\"></td></tr>",
                    w.rows,
                    w.place.map(|p| p.to_string()).unwrap_or_default()
                );
            }
            out.push_str("</tbody></table>");
        }
        _ => {}
    }
    out.push_str("</li>");
}

fn people_table(out: &mut String, import: &RegisterImport) {
    out.push_str(
        "<table class=\"preview\"><caption>The first people as they would come in</caption>\
         <thead><tr><th scope=\"col\">Row</th><th scope=\"col\">Name</th><th scope=\"col\">Role\
         </th><th scope=\"col\">Organisation</th><th scope=\"col\">Influence</th>\
         <th scope=\"col\">Skepticism</th></tr></thead><tbody>",
    );
    for r in import.rows.iter().take(PREVIEW_ROWS) {
        let f = &r.fields;
        let _ = write!(
            out,
            "<tr><td>{}</td><th scope=\"row\">{}</th><td>{}</td><td>{}</td>",
            r.row,
            esc(&f.name),
            esc(&f.role),
            esc(&f.organisation)
        );
        let _ = match &r.unplaced {
            None => write!(
                out,
                "<td>{}</td><td>{}</td></tr>",
                f.position.influence, f.position.skepticism
            ),
            Some(why) => write!(
                out,
                "<td colspan=\"2\" class=\"by-hand\">By hand: {}</td></tr>",
                esc(why)
            ),
        };
    }
    out.push_str("</tbody></table>");
    let more = import.rows.len().saturating_sub(PREVIEW_ROWS);
    if more > 0 {
        let _ = write!(out, "<p class=\"hint\">…and {} more.</p>", people(more));
    }
}

fn problems(out: &mut String, import: &RegisterImport) {
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
                    r.unplaced.as_deref().unwrap_or_default()
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
    if lines.is_empty() {
        return;
    }
    crate::sort::by_key(&mut lines, |(row, _)| *row);
    let _ = write!(
        out,
        "<section aria-labelledby=\"register-problems\"><h3 id=\"register-problems\">Rows with \
         problems ({})</h3><ul class=\"problems\">",
        lines.len()
    );
    for (_, line) in lines.iter().take(PROBLEMS_SHOWN) {
        let _ = write!(out, "<li>{}</li>", esc(line));
    }
    out.push_str("</ul>");
    if lines.len() > PROBLEMS_SHOWN {
        let _ = write!(
            out,
            "<p class=\"hint\">…and {} more.</p>",
            lines.len() - PROBLEMS_SHOWN
        );
    }
    out.push_str("</section>");
}

/// The preview's body: the sheet, the columns, the people, the problems and where they go.
pub fn body(review: &Review) -> String {
    let import = &review.import;
    let mut out = String::with_capacity(16 * 1024);
    let _ = write!(
        out,
        "<h2 id=\"register-title\">Bring in “{}”</h2>",
        esc(&review.file_name)
    );
    if review.book.sheets.len() > 1 {
        out.push_str(
            "<p class=\"sheet-choice\"><label for=\"rg-sheet\">Sheet</label> \
             <select id=\"rg-sheet\" data-act=\"sheet\">",
        );
        for (i, g) in review.book.sheets.iter().enumerate() {
            let label = format!("{} ({} rows)", g.name, g.rows.len());
            option(&mut out, &i.to_string(), &label, i == review.sheet);
        }
        out.push_str("</select></p>");
    }
    let header_number = review
        .grid()
        .rows
        .get(review.mapping.header_row)
        .map_or(1, |r| r.number);
    let _ = write!(
        out,
        "<p id=\"register-summary\">Headers in row {header_number}. {}</p>",
        counts(import)
    );
    if review.recalled {
        out.push_str(
            "<p class=\"hint\">Using the choices you made for a file with these columns \
             before.</p>",
        );
    }
    for d in &import.defaults {
        let _ = write!(out, "<p class=\"hint\">{}</p>", esc(d));
    }
    out.push_str(
        "<section aria-labelledby=\"register-columns\"><h3 id=\"register-columns\">Columns</h3>\
         <p class=\"hint\">Check what each column is read as. E-mail and phone columns stay out \
         unless you add them to the notes.</p><ul class=\"columns\">",
    );
    for (col, plan) in review.mapping.columns.iter().enumerate() {
        if !plan.header.is_empty() {
            column(&mut out, review, col);
        }
    }
    out.push_str(
        "</ul></section><section aria-labelledby=\"register-people\">\
         <h3 id=\"register-people\">People</h3>",
    );
    if review.mapping.has_name() {
        people_table(&mut out, import);
    } else {
        out.push_str(
            "<p class=\"error\" role=\"alert\">Choose the column that holds people’s names.</p>",
        );
    }
    out.push_str("</section>");
    problems(&mut out, import);
    out.push_str(
        "<section aria-labelledby=\"register-where\"><h3 id=\"register-where\">Where they go</h3>",
    );
    radios(
        &mut out,
        "into",
        "Bring them",
        &[
            ("map", "Into the open map", review.into_current),
            ("new", "Into a new map", !review.into_current),
        ],
    );
    if review.on_map > 0 {
        let legend = if review.on_map == 1 {
            "1 person is already on this map (matched by name)".to_owned()
        } else {
            format!(
                "{} people are already on this map (matched by name)",
                review.on_map
            )
        };
        radios(
            &mut out,
            "existing",
            &legend,
            &[
                (
                    "update",
                    "Update them with the sheet’s values",
                    review.existing == Existing::Update,
                ),
                (
                    "skip",
                    "Leave them as they are",
                    review.existing == Existing::Skip,
                ),
                (
                    "again",
                    "Add them again as new people",
                    review.existing == Existing::AddAgain,
                ),
            ],
        );
    }
    let unplaced = import.unplaced().count();
    if unplaced > 0 {
        let _ = write!(
            out,
            "<label class=\"check\"><input type=\"checkbox\" id=\"rg-tray\" data-act=\"tray\"{}> \
             Put the {} that cannot be placed from the sheet in the quick-add tray, to place by \
             hand</label>",
            if review.to_tray { " checked" } else { "" },
            people(unplaced)
        );
    }
    out.push_str("</section>");
    out
}

/// What "Existing" a radio value names.
pub fn existing_from(value: &str) -> Option<Existing> {
    match value {
        "update" => Some(Existing::Update),
        "skip" => Some(Existing::Skip),
        "again" => Some(Existing::AddAgain),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::register::{apply, csv_grid, guess_mapping, Workbook};

    fn review(csv: &str) -> Review {
        let grid = csv_grid("<b>x</b>.csv", csv.as_bytes()).unwrap();
        let mapping = guess_mapping(&grid);
        let import = apply(&grid, &mapping);
        Review {
            file_name: "<b>x</b>.csv".into(),
            book: Workbook { sheets: vec![grid] },
            sheet: 0,
            mapping,
            import,
            into_current: true,
            existing: Existing::Update,
            to_tray: true,
            on_map: 0,
            recalled: false,
            who: Vec::new(),
        }
    }

    #[test]
    fn text_from_the_file_is_shown_as_text_never_as_markup() {
        let html = body(&review(
            "Name,Influence,\"<script>alert(1)</script>\"\n\"<img src=x onerror=alert(1)>\",High,\"a\"\"b\"\n",
        ));
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(!html.contains("<b>"), "{html}");
        assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
        assert!(html.contains("Bring in “&lt;b&gt;x&lt;/b&gt;.csv”"));
    }

    #[test]
    fn every_control_has_a_name_and_says_what_it_acts_on() {
        let html = body(&review(
            "Name,Influence,Stance\nAda,High,Blocker\nBo,4,Supportive\n",
        ));
        // Selects are named by a label's `for`, inputs by aria-label or their label.
        for id in ["rg-use-0", "rg-use-1", "rg-use-2"] {
            assert!(html.contains(&format!("<label for=\"{id}\">")), "{id}");
        }
        assert!(html.contains("aria-label=\"Place for “Blocker” in “Stance”\""));
        assert!(html.contains("data-act=\"word\" data-col=\"2\" data-item=\"0\""));
        assert_eq!(html.matches("<input type=\"radio\"").count(), 2);
    }
}
