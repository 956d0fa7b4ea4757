//! Work shared out over every core, results in order.

/// Fewest items worth starting threads for.
pub(super) const PARALLEL_MIN_ITEMS: usize = 64;

/// `work` on each item, on as many threads as there are cores, each taking
/// a contiguous share; results in the items' order.
pub(in crate::stories) fn on_every_core<T: Send, R: Send>(
    items: Vec<T>,
    work: impl Fn(T) -> R + Sync,
) -> Vec<R> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    if threads < 2 || items.len() < PARALLEL_MIN_ITEMS {
        return items.into_iter().map(work).collect();
    }
    let share = items.len().div_ceil(threads);
    let mut shares: Vec<Vec<T>> = Vec::with_capacity(threads);
    let mut items = items.into_iter();
    loop {
        let next: Vec<T> = items.by_ref().take(share).collect();
        if next.is_empty() {
            break;
        }
        shares.push(next);
    }
    let work = &work;
    std::thread::scope(|scope| {
        let handles: Vec<_> = shares
            .into_iter()
            .map(|share| scope.spawn(move || share.into_iter().map(work).collect::<Vec<R>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|handle| match handle.join() {
                Ok(results) => results,
                // A panic in `work` is the caller's, as it would be on one thread.
                Err(panic) => std::panic::resume_unwind(panic),
            })
            .collect()
    })
}
