//! A list kept in pages that its copies share.
//!
//! The timeline keeps a few copies of the whole state behind the head of the
//! log (checkpoints), so an undo replays from a near one instead of from the
//! start. The state's long lists (notes, hands, turns) only grow at the end
//! and are seldom changed further back, so a copy shares their pages and
//! costs a pointer per page; a page is copied only when one side changes it.

use std::fmt;
use std::sync::Arc;

/// Items per page: a copy costs one pointer per page, a change to a shared
/// page copies at most this many items.
const PAGE: usize = 64;

/// A growable list whose clones share full pages (copy on write).
#[derive(Clone)]
pub struct Pages<T> {
    pages: Vec<Arc<Vec<T>>>,
    len: usize,
}

impl<T> Default for Pages<T> {
    fn default() -> Self {
        Pages {
            pages: Vec::new(),
            len: 0,
        }
    }
}

impl<T: Clone> Pages<T> {
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn push(&mut self, item: T) {
        if self.len.is_multiple_of(PAGE) {
            self.pages.push(Arc::new(Vec::with_capacity(PAGE)));
        }
        if let Some(page) = self.pages.last_mut() {
            Arc::make_mut(page).push(item);
            self.len += 1;
        }
    }

    /// Takes off the last item.
    pub fn pop(&mut self) -> Option<T> {
        let page = self.pages.last_mut()?;
        let item = Arc::make_mut(page).pop();
        if page.is_empty() {
            self.pages.pop();
        }
        if item.is_some() {
            self.len -= 1;
        }
        item
    }

    pub fn get(&self, i: usize) -> Option<&T> {
        self.pages.get(i / PAGE)?.get(i % PAGE)
    }

    /// The item at `i`, its page copied first if a copy shares it.
    pub fn get_mut(&mut self, i: usize) -> Option<&mut T> {
        let page = self.pages.get_mut(i / PAGE)?;
        Arc::make_mut(page).get_mut(i % PAGE)
    }

    pub fn last(&self) -> Option<&T> {
        self.len.checked_sub(1).and_then(|i| self.get(i))
    }

    pub fn last_mut(&mut self) -> Option<&mut T> {
        self.len.checked_sub(1).and_then(|i| self.get_mut(i))
    }

    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &T> + Clone {
        self.pages.iter().flat_map(|p| p.iter())
    }
}

impl<T: Clone + PartialEq> PartialEq for Pages<T> {
    fn eq(&self, other: &Self) -> bool {
        self.len == other.len && self.iter().eq(other.iter())
    }
}

impl<T: Clone + Eq> Eq for Pages<T> {}

impl<T: Clone + fmt::Debug> fmt::Debug for Pages<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl<T: Clone> FromIterator<T> for Pages<T> {
    fn from_iter<I: IntoIterator<Item = T>>(items: I) -> Self {
        let mut pages = Pages::default();
        for item in items {
            pages.push(item);
        }
        pages
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_share_pages_until_one_changes() {
        let mut a: Pages<u32> = (0..200).collect();
        let b = a.clone();
        *a.get_mut(3).unwrap() = 99;
        a.push(200);
        assert_eq!(b.get(3), Some(&3), "the copy keeps its own page");
        assert_eq!(a.get(3), Some(&99));
        assert_eq!((a.len(), b.len()), (201, 200));
        assert!(
            Arc::ptr_eq(&a.pages[1], &b.pages[1]),
            "untouched pages shared"
        );
        assert_eq!(a.pop(), Some(200));
        assert_eq!(a.last(), Some(&199));
        assert_ne!(a, b);
        *a.get_mut(3).unwrap() = 3;
        assert_eq!(a, b);
        let mut one: Pages<u32> = Pages::default();
        one.push(1);
        assert_eq!((one.pop(), one.pop(), one.len()), (Some(1), None, 0));
        assert_eq!(one.iter().rev().count(), 0);
    }
}
