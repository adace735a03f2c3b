//! Stable sorting shared by every list the core orders.
//!
//! The standard library's stable sort is generic over the item and the comparison, so each
//! `sort_by_key` call site compiled its own copy, several kilobytes each: together they were one
//! of the largest parts of the app's wasm (see "What the wasm is made of" in
//! `docs/benchmark.md`). These functions sort a list of positions once, through a comparison
//! behind a reference (`&dyn Fn`), so the sorting itself is compiled once; what stays generic
//! per item type is a short loop that moves the items into their new places.
//!
//! The order is the standard library's: stable (equal items keep their order), ascending by
//! the comparison.

use std::cmp::Ordering;

/// Sorts `list` by `compare`, keeping equal items in their order.
///
/// ```
/// let mut words = vec!["pear", "fig", "apple", "kiwi"];
/// stakemap_core::sort::by(&mut words, |a, b| a.len().cmp(&b.len()));
/// assert_eq!(words, ["fig", "pear", "kiwi", "apple"]);
/// ```
pub fn by<T>(list: &mut [T], compare: impl Fn(&T, &T) -> Ordering) {
    let order = stable_order(list.len(), &|a, b| compare(&list[a], &list[b]));
    place(list, order);
}

/// Sorts `list` by the key `key` gives each item, keeping items with equal keys in their order.
/// The key is worked out at each comparison, as [`slice::sort_by_key`] does.
///
/// ```
/// let mut words = vec!["Pear", "fig", "apple"];
/// stakemap_core::sort::by_key(&mut words, |w| w.to_lowercase());
/// assert_eq!(words, ["apple", "fig", "Pear"]);
/// ```
pub fn by_key<T, K: Ord>(list: &mut [T], key: impl Fn(&T) -> K) {
    by(list, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `list` in its natural order (stable, like [`slice::sort`]).
pub fn natural<T: Ord>(list: &mut [T]) {
    by(list, T::cmp);
}

/// The positions `0..len` in sorted order: ties are broken by position, which makes the one
/// unstable sort of plain numbers behave as a stable sort of the items.
fn stable_order(len: usize, compare: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_unstable_by(|&a, &b| compare(a, b).then(a.cmp(&b)));
    order
}

/// Moves each item to its place: position `i` receives the item that was at `order[i]`.
/// Follows each cycle of the permutation with swaps, so nothing is cloned or allocated.
fn place<T>(list: &mut [T], mut order: Vec<usize>) {
    for start in 0..list.len() {
        let mut at = start;
        // A position already placed (or a cycle of one) points at itself.
        while order[at] != at {
            let from = order[at];
            order[at] = at;
            if from == start {
                break;
            }
            list.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Compares with the standard library's stable sort on every arrangement of a small list
    /// with repeated keys, so stability and the cycle-following placement are both checked.
    #[test]
    fn agrees_with_the_standard_stable_sort() {
        let mut seed = 7_u32;
        for len in 0..40 {
            for _ in 0..25 {
                let items: Vec<(u32, usize)> = (0..len)
                    .map(|i| {
                        seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
                        ((seed >> 24) % 5, i)
                    })
                    .collect();
                let mut ours = items.clone();
                by_key(&mut ours, |p| p.0);
                let mut std = items.clone();
                std.sort_by_key(|p| p.0);
                assert_eq!(ours, std);
                let mut ours = items.clone();
                by(&mut ours, |a, b| b.0.cmp(&a.0));
                let mut std = items;
                std.sort_by_key(|p| std::cmp::Reverse(p.0));
                assert_eq!(ours, std);
            }
        }
    }

    #[test]
    fn natural_order() {
        let mut list = vec!["b".to_string(), "a".into(), "c".into(), "a".into()];
        natural(&mut list);
        assert_eq!(list, ["a", "a", "b", "c"]);
    }
}
