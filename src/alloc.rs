//! The global allocator of rescite's programs: mimalloc, asked for plain
//! blocks wherever a plain block is aligned enough.
//!
//! glibc's allocator took about a tenth of `rescite index`'s time on the
//! 1 GB corpus (two threads allocating and freeing many small strings);
//! mimalloc's thread-local heaps take a fraction of that. The `mimalloc`
//! crate asks for every block through mimalloc's aligned functions, whose
//! fast path (version 3) takes only blocks of at most 1 kB from a page
//! with a free block at hand; any other block whose rounded size is not a
//! power of two is over-allocated, then aligned. Every copy of a text
//! longer than 1 kB (the folded text, the flattened one, the one in lower
//! case) went that way: callgrind counted 1.3% of the instructions of
//! extracting the Security Council texts there.
//!
//! Every mimalloc block is aligned to a machine word at least (block sizes
//! are multiples of eight bytes, and pages start aligned), so a layout
//! that asks for no more than that is served by the plain functions; any
//! other goes to the aligned ones. A block is always resized and freed as
//! it was made: the layout that decides is the same.

use std::alloc::{GlobalAlloc, Layout};
use std::ffi::c_void;

use libmimalloc_sys as mi;

/// mimalloc, through its plain functions where they suffice.
pub struct Mimalloc;

/// The alignment every block of mimalloc's has.
const WORD: usize = std::mem::size_of::<usize>();

fn plain(layout: &Layout) -> bool {
    layout.align() <= WORD
}

// SAFETY: each function hands the layout's size (and, when a plain block
// might not be aligned enough, its alignment) to mimalloc, which returns
// null or a block of that size at that alignment; `dealloc` and `realloc`
// get only pointers that `alloc`, `alloc_zeroed` or `realloc` returned,
// all of them mimalloc's.
unsafe impl GlobalAlloc for Mimalloc {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: mimalloc's allocation functions take any size and a
        // power-of-two alignment, which a `Layout` has.
        unsafe {
            match plain(&layout) {
                true => mi::mi_malloc(layout.size()),
                false => mi::mi_malloc_aligned(layout.size(), layout.align()),
            }
            .cast()
        }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as in `alloc`.
        unsafe {
            match plain(&layout) {
                true => mi::mi_zalloc(layout.size()),
                false => mi::mi_zalloc_aligned(layout.size(), layout.align()),
            }
            .cast()
        }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, _layout: Layout) {
        // SAFETY: `ptr` is a block of mimalloc's, not yet freed (the
        // caller's contract).
        unsafe { mi::mi_free(ptr.cast::<c_void>()) }
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: `ptr` is a live block of mimalloc's made for `layout`,
        // by the same kind of function the layout chooses here.
        unsafe {
            match plain(&layout) {
                true => mi::mi_realloc(ptr.cast(), new_size),
                false => mi::mi_realloc_aligned(ptr.cast(), new_size, layout.align()),
            }
            .cast()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Blocks of every size up to a few pages, at every alignment up to a
    /// page, come back aligned, zeroed when asked, and keep their bytes
    /// when grown and shrunk.
    #[test]
    fn blocks_are_aligned_zeroed_and_kept() {
        let sizes = (1..=64).chain([100, 1000, 1023, 1024, 1025, 4000, 5000, 70_000, 1 << 20]);
        for size in sizes {
            for align in [1, 2, 4, 8, 16, 32, 64, 4096] {
                let layout = Layout::from_size_align(size, align).expect("a valid layout");
                // SAFETY: the layout's size is not zero; each block is
                // written within its size and freed once, with its layout.
                unsafe {
                    let zeroed = Mimalloc.alloc_zeroed(layout);
                    assert!(!zeroed.is_null());
                    assert_eq!(zeroed as usize % align, 0, "{size} at {align}");
                    assert!(std::slice::from_raw_parts(zeroed, size)
                        .iter()
                        .all(|&b| b == 0));
                    Mimalloc.dealloc(zeroed, layout);

                    let block = Mimalloc.alloc(layout);
                    assert!(!block.is_null());
                    assert_eq!(block as usize % align, 0, "{size} at {align}");
                    for i in 0..size {
                        block.add(i).write(i as u8);
                    }
                    let grown = Mimalloc.realloc(block, layout, size * 3);
                    assert_eq!(grown as usize % align, 0, "{size} grown at {align}");
                    for i in 0..size {
                        assert_eq!(grown.add(i).read(), i as u8);
                    }
                    let grown_layout = Layout::from_size_align(size * 3, align).expect("valid");
                    let shrunk = Mimalloc.realloc(grown, grown_layout, size.div_ceil(2));
                    assert_eq!(shrunk as usize % align, 0, "{size} shrunk at {align}");
                    for i in 0..size.div_ceil(2) {
                        assert_eq!(shrunk.add(i).read(), i as u8);
                    }
                    let shrunk_layout =
                        Layout::from_size_align(size.div_ceil(2), align).expect("valid");
                    Mimalloc.dealloc(shrunk, shrunk_layout);
                }
            }
        }
    }
}
