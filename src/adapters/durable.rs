//! Asking the browser to keep this site's storage, so maps are not evicted when disk space runs
//! low. Browsers may say no (or ask the user); the answer is shown, never assumed.

use wasm_bindgen_futures::JsFuture;

/// Requests persistent storage; `None` when the browser has no storage manager.
pub async fn request_persistence() -> Option<bool> {
    let manager = web_sys::window()?.navigator().storage();
    let already = JsFuture::from(manager.persisted().ok()?).await.ok()?;
    if already.as_bool() == Some(true) {
        return Some(true);
    }
    let granted = JsFuture::from(manager.persist().ok()?).await.ok()?;
    granted.as_bool()
}
