# Shared by .ci/serve, .ci/test and .ci/run: installs whatever is missing, at pinned versions,
# and puts the tools on PATH. Every step checks first, so a second run installs nothing.
# Only package registries are used (crates.io, npm, Debian), never release-page downloads.

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

TRUNK_VERSION="0.21.14"
# The wasm-bindgen CLI must match the crate pinned in Cargo.toml exactly.
WASM_BINDGEN_VERSION="$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)"/\1/p' Cargo.toml)"
E2E_DIR="$ROOT/tests/e2e"

export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$E2E_DIR/node_modules/.bin:$PATH"
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"

step() { printf '\n==> %s\n' "$*"; }
have() { command -v "$1" >/dev/null 2>&1; }

as_root() {
  if [ "$(id -u)" = "0" ]; then "$@";
  elif have sudo; then sudo "$@";
  else echo "Installing system packages needs root: run '$*' as root, then try again." >&2; exit 1; fi
}

apt_install() {
  step "Installing $* (Debian packages)"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@"
}

ensure_rust() {
  if ! have cargo; then
    echo "Rust (cargo) is required: install it with rustup, then run this again." >&2
    exit 1
  fi
  if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    step "Adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
}

ensure_trunk() {
  if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
    step "Installing Trunk $TRUNK_VERSION from crates.io (about 13 minutes on 2 cores)"
    cargo install trunk --version "$TRUNK_VERSION" --locked
  fi
}

ensure_wasm_bindgen() {
  if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ] \
    || ! have wasm-bindgen-test-runner; then
    step "Installing wasm-bindgen-cli $WASM_BINDGEN_VERSION from crates.io (about 6 minutes)"
    # Not --locked: its lock file pins a crate version the registry mirror does not serve.
    cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
  fi
}

ensure_node_tools() {
  if ! have node || ! have npm; then
    apt_install nodejs npm
  fi
  local stamp="$E2E_DIR/node_modules/.installed-lock"
  if [ ! -f "$stamp" ] || ! cmp -s "$E2E_DIR/package-lock.json" "$stamp"; then
    step "Installing wasm-opt (binaryen) and Playwright from npm"
    # Playwright uses the system Chromium; its own browser downloads are never fetched.
    (cd "$E2E_DIR" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
    cp "$E2E_DIR/package-lock.json" "$stamp"
  fi
}

ensure_chromium() {
  if [ ! -x "$CHROMIUM" ] || [ ! -x "$CHROMEDRIVER" ]; then
    apt_install chromium chromium-driver
  fi
}

ensure_build_tools() {
  ensure_rust
  ensure_node_tools
  ensure_wasm_bindgen
  ensure_trunk
}

# Other browser engines for the core flows (tests/engines): Firefox ESR, driven by puppeteer-core
# over WebDriver BiDi, and WebKitGTK (Safari's engine) through WebKitWebDriver and
# selenium-webdriver, under a virtual X display (Xvfb).
ENGINES_DIR="$ROOT/tests/engines"
export FIREFOX="${FIREFOX:-/usr/bin/firefox-esr}"

webkit_browser() {
  local found
  for found in /usr/lib/*/webkit2gtk-4.1/MiniBrowser; do
    [ -x "$found" ] && { echo "$found"; return 0; }
  done
  return 1
}

ensure_engines() {
  if [ ! -x "$FIREFOX" ] || ! have WebKitWebDriver || ! webkit_browser >/dev/null || ! have xvfb-run; then
    apt_install firefox-esr webkit2gtk-driver xvfb
  fi
  if [ -z "${WEBKIT_BROWSER:-}" ] && ! WEBKIT_BROWSER="$(webkit_browser)"; then
    echo "MiniBrowser (WebKitGTK) is missing from /usr/lib/*/webkit2gtk-4.1/ although webkit2gtk-driver is installed." >&2
    exit 1
  fi
  export WEBKIT_BROWSER
  local stamp="$ENGINES_DIR/node_modules/.installed-lock"
  if [ ! -f "$stamp" ] || ! cmp -s "$ENGINES_DIR/package-lock.json" "$stamp"; then
    step "Installing puppeteer-core and selenium-webdriver from npm (tests/engines)"
    (cd "$ENGINES_DIR" && npm ci --no-audit --no-fund --loglevel=error)
    cp "$ENGINES_DIR/package-lock.json" "$stamp"
  fi
}

# The benchmark's own tools (.ci/bench): twiggy, which takes the release wasm apart by function
# and crate, from crates.io, and Lighthouse from npm (tests/bench/package.json), which scores the
# app against the system's Chromium.
TWIGGY_VERSION="0.8.0"
BENCH_DIR="$ROOT/tests/bench"

ensure_bench_tools() {
  # twiggy prints its package name, twiggy-opt, with the version.
  if [ "$(twiggy --version 2>/dev/null | awk '{print $2}')" != "$TWIGGY_VERSION" ]; then
    step "Installing twiggy $TWIGGY_VERSION from crates.io (about 2 minutes)"
    cargo install twiggy --version "$TWIGGY_VERSION" --locked
  fi
  local stamp="$BENCH_DIR/node_modules/.installed-lock"
  if [ ! -f "$stamp" ] || ! cmp -s "$BENCH_DIR/package-lock.json" "$stamp"; then
    step "Installing Lighthouse from npm (tests/bench)"
    (cd "$BENCH_DIR" && npm ci --no-audit --no-fund --loglevel=error)
    cp "$BENCH_DIR/package-lock.json" "$stamp"
  fi
}
