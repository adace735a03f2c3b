//! In-browser tests (wasm-bindgen-test in headless Chromium): the real app mounted on a page
//! with real local storage. Run with `cargo test --target wasm32-unknown-unknown --test browser`.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use stakemap::adapters::browser_backend::{
    map_key, premigration_key, BrowserBackend, INDEX_KEY, RECOVERY_PREFIX,
};
use stakemap::components::App;
use stakemap::model::{MapId, SequentialIds, Timestamp};
use stakemap::state::Backend;
use std::sync::Arc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// Lets the reactive system and the browser finish what a change started.
async fn settle() {
    for _ in 0..3 {
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            let _ = web_sys::window()
                .unwrap()
                .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 10);
        });
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    }
}

/// Mounts a fresh app in its own container; the handle unmounts it when dropped.
fn mount_app() -> (web_sys::HtmlElement, impl Drop) {
    let host: web_sys::HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&host).unwrap();
    let handle = leptos::mount::mount_to(host.clone(), || {
        view! {
            <App
                backend=Arc::new(BrowserBackend::default())
                platform=stakemap::adapters::platform()
            />
        }
    });
    (host, handle)
}

fn query_all(host: &web_sys::HtmlElement, selector: &str) -> Vec<web_sys::Element> {
    let list = host.query_selector_all(selector).unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::Element>().ok())
        .collect()
}

fn text_of(host: &web_sys::HtmlElement, selector: &str) -> String {
    host.query_selector(selector)
        .unwrap()
        .and_then(|e| e.text_content())
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn first_visit_shows_the_example_map_and_saves_it() {
    storage().clear().unwrap();
    let (host, handle) = mount_app();
    settle().await;
    let markers = query_all(&host, "g.marker");
    assert_eq!(markers.len(), 10, "one marker per example stakeholder");
    let label = markers[0].get_attribute("aria-label").unwrap();
    assert!(
        label.starts_with("Dana Ortiz, influence 88, skepticism 74, Win over"),
        "{label}"
    );
    assert!(
        storage().get_item(INDEX_KEY).unwrap().is_some(),
        "the example is saved"
    );
    drop(handle);
    host.remove();
}

#[wasm_bindgen_test]
async fn keyboard_moves_a_marker_and_the_move_is_saved() {
    storage().clear().unwrap();
    let (host, handle) = mount_app();
    settle().await;
    let marker = query_all(&host, "g.marker").remove(0);
    let init = web_sys::KeyboardEventInit::new();
    init.set_key("ArrowDown");
    init.set_shift_key(true);
    init.set_bubbles(true);
    let ev = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    marker.dispatch_event(&ev).unwrap();
    settle().await;
    let marker = query_all(&host, "g.marker").remove(0);
    let label = marker.get_attribute("aria-label").unwrap();
    assert!(
        label.starts_with("Dana Ortiz, influence 78, skepticism 74, Win over"),
        "{label}"
    );
    // The panel now shows the moved stakeholder, with the new number.
    let influence: web_sys::HtmlInputElement = host
        .query_selector("#sh-influence")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert_eq!(influence.value(), "78");
    let loaded = BrowserBackend::default().load();
    let saved = loaded.maps[0].stakeholders().next().unwrap().position();
    assert_eq!(saved.influence, 78);
    drop(handle);
    host.remove();
}

#[wasm_bindgen_test]
async fn selecting_a_list_row_selects_the_marker() {
    storage().clear().unwrap();
    let (host, handle) = mount_app();
    settle().await;
    let list_button = query_all(&host, ".view-tabs [role=\"tab\"]")
        .into_iter()
        .find(|b| b.text_content().as_deref() == Some("List"))
        .unwrap();
    list_button.unchecked_ref::<web_sys::HtmlElement>().click();
    settle().await;
    assert_eq!(query_all(&host, "tbody tr").len(), 10);
    let row = query_all(&host, "tbody tr button")
        .into_iter()
        .find(|b| b.text_content().as_deref() == Some("Helen Achterberg"))
        .unwrap();
    row.unchecked_ref::<web_sys::HtmlElement>().click();
    settle().await;
    assert_eq!(text_of(&host, "#form-title"), "Helen Achterberg");
    let map_button = query_all(&host, ".view-tabs [role=\"tab\"]")
        .into_iter()
        .find(|b| b.text_content().as_deref() == Some("Map"))
        .unwrap();
    map_button.unchecked_ref::<web_sys::HtmlElement>().click();
    settle().await;
    let pressed: Vec<String> = query_all(&host, "g.marker[aria-pressed='true']")
        .iter()
        .filter_map(|m| m.get_attribute("aria-label"))
        .collect();
    assert_eq!(pressed.len(), 1);
    assert!(pressed[0].starts_with("Helen Achterberg,"), "{pressed:?}");
    drop(handle);
    host.remove();
}

#[wasm_bindgen_test]
fn storage_round_trip_keeps_every_field() {
    storage().clear().unwrap();
    let mut ids = SequentialIds::default();
    let map = stakemap::model::example_map(
        MapId(ids.next_uuid()),
        || ids.next_uuid(),
        Timestamp::from_unix_millis(1_790_000_000_000),
        Timestamp::from_unix_millis(1_790_000_000_000).local_date(0),
    );
    let backend = BrowserBackend::default();
    backend.save_map(&map).unwrap();
    backend
        .save_index(&stakemap::state::SavedIndex {
            maps: vec![map.id],
            current: Some(map.id),
            exported: Default::default(),
        })
        .unwrap();
    let loaded = backend.load();
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    assert_eq!(loaded.current, Some(map.id));
    assert_eq!(loaded.maps, vec![map]);
}

fn recovery_keys() -> Vec<String> {
    let st = storage();
    (0..st.length().unwrap())
        .filter_map(|i| st.key(i).unwrap())
        .filter(|k| k.starts_with(RECOVERY_PREFIX))
        .collect()
}

#[wasm_bindgen_test]
async fn unreadable_or_future_saved_maps_are_set_aside_reported_and_downloadable() {
    storage().clear().unwrap();
    let broken = "{\"format\":\"stakemap\",\"version\":1,\"map\":";
    let broken_key = map_key(MapId(SequentialIds::starting_at(77).next_uuid()));
    storage().set_item(&broken_key, broken).unwrap();
    let future_id = MapId(SequentialIds::starting_at(88).next_uuid());
    let future = format!(
        "{{\"format\":\"stakemap\",\"version\":9,\"map\":{{\"id\":\"{future_id}\",\"name\":\"From the future\"}},\"stakeholders\":[]}}"
    );
    storage().set_item(&map_key(future_id), &future).unwrap();
    let (host, handle) = mount_app();
    settle().await;
    let notice = text_of(&host, ".notice");
    assert!(notice.contains("could not be opened"), "{notice}");
    assert!(
        notice.contains("newer Stakemap (file format version 9)"),
        "{notice}"
    );
    assert!(notice.contains("set aside, not deleted"), "{notice}");
    // Moved, byte for byte, to recovery keys; the live keys no longer hold them.
    let kept: Vec<String> = recovery_keys()
        .iter()
        .map(|k| storage().get_item(k).unwrap().unwrap())
        .collect();
    assert_eq!(kept.len(), 2);
    assert!(kept.contains(&broken.to_owned()));
    assert!(kept.contains(&future));
    assert_eq!(storage().get_item(&broken_key).unwrap(), None);
    // The app still starts: with nothing readable left it offers a new map or the example.
    assert_eq!(text_of(&host, ".empty-state h2"), "No maps yet");
    // Listed with a download and a delete button each.
    assert_eq!(query_all(&host, ".set-aside-list li").len(), 2);
    let download = query_all(&host, ".set-aside-list button")
        .into_iter()
        .find(|b| b.text_content().as_deref() == Some("Download"));
    assert!(download.is_some());
    drop(handle);
    host.remove();

    // On the next visit the set-aside data is still offered, and nothing new is reported.
    let (host, handle) = mount_app();
    settle().await;
    assert_eq!(query_all(&host, ".set-aside-list li").len(), 2);
    assert!(host.query_selector(".notice").unwrap().is_none());
    drop(handle);
    host.remove();
    storage().clear().unwrap();
}

#[wasm_bindgen_test]
async fn an_older_version_is_upgraded_and_its_original_kept_until_the_next_save() {
    storage().clear().unwrap();
    let id = MapId(SequentialIds::starting_at(99).next_uuid());
    let v1 = format!(
        "{{\"format\":\"stakemap\",\"version\":1,\"map\":{{\"id\":\"{id}\",\"name\":\"Old map\"}},\"stakeholders\":[{{\"id\":\"5f1d9a0e-0f0c-4f4e-8d6b-1a2b3c4d5e6f\",\"name\":\"Dana Ortiz\",\"influence\":82,\"skepticism\":71}}]}}"
    );
    storage().set_item(&map_key(id), &v1).unwrap();
    let (host, handle) = mount_app();
    settle().await;
    let markers = query_all(&host, "g.marker");
    assert_eq!(markers.len(), 1);
    assert_eq!(
        storage()
            .get_item(&premigration_key(id))
            .unwrap()
            .as_deref(),
        Some(v1.as_str()),
        "the version-1 original is kept"
    );
    // The next successful save writes the current version and drops the old copy.
    let init = web_sys::KeyboardEventInit::new();
    init.set_key("ArrowUp");
    init.set_bubbles(true);
    let ev = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    markers[0].dispatch_event(&ev).unwrap();
    settle().await;
    assert_eq!(storage().get_item(&premigration_key(id)).unwrap(), None);
    let saved = storage().get_item(&map_key(id)).unwrap().unwrap();
    let current = format!("\"version\":{}", stakemap::format::CURRENT_VERSION);
    assert!(saved.contains(&current), "{saved}");
    drop(handle);
    host.remove();
    storage().clear().unwrap();
}

#[wasm_bindgen_test]
async fn a_damaged_list_of_maps_is_set_aside_and_the_maps_found_anyway() {
    storage().clear().unwrap();
    let mut ids = SequentialIds::default();
    let map = stakemap::model::example_map(
        MapId(ids.next_uuid()),
        || ids.next_uuid(),
        Timestamp::from_unix_millis(1_790_000_000_000),
        Timestamp::from_unix_millis(1_790_000_000_000).local_date(0),
    );
    BrowserBackend::default().save_map(&map).unwrap();
    storage().set_item(INDEX_KEY, "not json at all").unwrap();
    let (host, handle) = mount_app();
    settle().await;
    assert!(text_of(&host, ".notice").contains("list of saved maps could not be read"));
    assert_eq!(
        query_all(&host, "g.marker").len(),
        10,
        "the map was found by scanning storage"
    );
    let kept: Vec<String> = recovery_keys()
        .iter()
        .map(|k| storage().get_item(k).unwrap().unwrap())
        .collect();
    assert_eq!(kept, vec!["not json at all".to_owned()]);
    drop(handle);
    host.remove();
    storage().clear().unwrap();
}

#[wasm_bindgen_test]
async fn full_storage_shows_a_message_and_the_map_stays_usable() {
    storage().clear().unwrap();
    // Fill local storage until the browser refuses more.
    let chunk = "x".repeat(512 * 1024);
    let mut n = 0;
    while storage().set_item(&format!("filler-{n}"), &chunk).is_ok() && n < 200 {
        n += 1;
    }
    let small = "y".repeat(1024);
    let mut m = 0;
    while storage()
        .set_item(&format!("filler-small-{m}"), &small)
        .is_ok()
        && m < 20_000
    {
        m += 1;
    }
    let (host, handle) = mount_app();
    settle().await;
    let banner = text_of(&host, ".save-problem");
    assert!(
        banner.contains("storage for this site is full"),
        "banner: {banner}"
    );
    assert!(
        banner.contains("Export map"),
        "says how to keep a copy: {banner}"
    );
    // The map still works in memory.
    assert_eq!(query_all(&host, "g.marker").len(), 10);
    // Free space and retry: saving resumes and the banner goes.
    for i in 0..n {
        storage().remove_item(&format!("filler-{i}")).unwrap();
    }
    let retry = query_all(&host, ".save-problem button").remove(0);
    retry.unchecked_ref::<web_sys::HtmlElement>().click();
    settle().await;
    assert!(host.query_selector(".save-problem").unwrap().is_none());
    assert!(storage().get_item(INDEX_KEY).unwrap().is_some());
    drop(handle);
    host.remove();
    storage().clear().unwrap();
}

#[wasm_bindgen_test]
async fn a_crash_shows_a_way_out_with_the_last_saved_map() {
    storage().clear().unwrap();
    let (host, handle) = mount_app();
    settle().await;
    stakemap::adapters::crash::show_crash_notice();
    stakemap::adapters::crash::show_crash_notice();
    let notices = document().query_selector_all("#crash-notice").unwrap();
    assert_eq!(notices.length(), 1, "one notice, however many panics");
    let notice = document().get_element_by_id("crash-notice").unwrap();
    assert_eq!(notice.get_attribute("role").as_deref(), Some("alertdialog"));
    let text = notice.text_content().unwrap_or_default();
    assert!(text.contains("Nothing has been deleted"), "{text}");
    let link = notice
        .query_selector("a[download]")
        .unwrap()
        .expect("a download link");
    let href = link.get_attribute("href").unwrap();
    assert!(href.starts_with("blob:"));
    assert_eq!(link.text_content().as_deref(), Some("Download the map"));
    // The download is the open map exactly as saved.
    let response: web_sys::Response =
        wasm_bindgen_futures::JsFuture::from(web_sys::window().unwrap().fetch_with_str(&href))
            .await
            .unwrap()
            .unchecked_into();
    let body = wasm_bindgen_futures::JsFuture::from(response.text().unwrap())
        .await
        .unwrap()
        .as_string()
        .unwrap();
    let loaded = BrowserBackend::default().load();
    let current = loaded.current.unwrap();
    let saved = loaded.maps.iter().find(|m| m.id == current).unwrap();
    let opened =
        stakemap::format::parse(&body, Default::default()).expect("it opens as a map file");
    assert_eq!(&opened, saved);
    notice.remove();
    drop(handle);
    host.remove();
    storage().clear().unwrap();
}

fn locked_file(text: &str) -> stakemap::format::LockedFile {
    match stakemap::format::open_bytes(text.as_bytes(), Timestamp::default()) {
        Ok(stakemap::format::Opened::Locked(file)) => file,
        other => panic!("expected a locked file, got {other:?}"),
    }
}

#[wasm_bindgen_test]
async fn webcrypto_opens_the_locked_fixture_and_round_trips_a_map() {
    use stakemap::adapters::crypto::{lock, unlock};
    use stakemap::state::Unlock;
    const PASSPHRASE: &str = "copper kettle orbit meadow";
    let fixture = locked_file(include_str!("fixtures/locked/example.stakemap.locked.json"));
    // The file the app locked once, opened by this browser with the passphrase.
    let plain = unlock(fixture.clone(), PASSPHRASE.to_owned())
        .await
        .expect("the passphrase opens it");
    let map = stakemap::format::parse_bytes(&plain, Timestamp::default()).unwrap();
    assert_eq!(map.name, "Board rollout 2027");
    assert_eq!(map.len(), 10);
    // A wrong passphrase, and a header edited after locking, are both refused.
    assert_eq!(
        unlock(fixture.clone(), "copper kettle orbit".to_owned()).await,
        Err(Unlock::WrongPassphrase)
    );
    let tampered = locked_file(include_str!(
        "fixtures/locked/tampered-header.stakemap.locked.json"
    ));
    assert_eq!(
        unlock(tampered, PASSPHRASE.to_owned()).await,
        Err(Unlock::WrongPassphrase)
    );
    // Locking again makes a new file (fresh salt and IV) that opens to the same map.
    let text = String::from_utf8(plain.clone()).unwrap();
    let again = lock(text, "another long passphrase".to_owned())
        .await
        .expect("the browser locks it");
    let again = locked_file(&again);
    assert_ne!(again.salt, fixture.salt);
    assert_ne!(again.iv, fixture.iv);
    assert_eq!(
        unlock(again, "another long passphrase".to_owned()).await,
        Ok(plain)
    );
}
