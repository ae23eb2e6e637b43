//! Sixteen bytes at a time: the one vector primitive the text scans share.
//!
//! A scan asks which of sixteen bytes are some value ("a tab, or a space
//! before a newline") and gets the answer as sixteen bits, lowest for the
//! first byte. On x86_64 that is SSE2, which every x86_64 processor has:
//! a compare per value and one `pmovmskb`, a few instructions for sixteen
//! bytes. Elsewhere the same answers come from a loop over the lanes.
//!
//! The compiler's own vectorisation of a lane-by-lane test was measured at
//! about 85 instructions for sixteen bytes of the folding test, most of
//! them spent gathering the lanes' answers into one number; `movemask`
//! does that in one.

/// Sixteen bytes of a text.
#[derive(Clone, Copy)]
pub struct Block(imp::Vector);

/// Which lanes of a [`Block`] a test holds for.
#[derive(Clone, Copy)]
pub struct Lanes(imp::Vector);

impl Block {
    /// The number of bytes in a block.
    pub const LEN: usize = 16;

    /// The first sixteen bytes of `bytes`, or `None` when it is shorter.
    #[inline(always)]
    pub fn load(bytes: &[u8]) -> Option<Block> {
        let array: &[u8; 16] = bytes.get(..Self::LEN)?.try_into().ok()?;
        Some(Block(imp::load(array)))
    }

    /// The sixteen bytes of `array` from `at` (at most `N - 16`; a larger
    /// `at` reads the last sixteen). With `N` and `at` known when the call
    /// is compiled, no bound is checked as it runs.
    #[inline(always)]
    pub fn load_array<const N: usize>(array: &[u8; N], at: usize) -> Block {
        const { assert!(N >= Self::LEN) };
        let start = at.min(N - Self::LEN);
        let mut lanes = [0u8; 16];
        lanes.copy_from_slice(&array[start..start + Self::LEN]);
        Block(imp::load(&lanes))
    }

    /// The lanes holding `byte`.
    #[inline(always)]
    pub fn eq(self, byte: u8) -> Lanes {
        Lanes(imp::eq(self.0, byte))
    }

    /// The lanes holding a byte below `bound` or from 0x80 up: ASCII
    /// controls and UTF-8 beyond ASCII, in one compare. `bound` must be
    /// ASCII.
    #[inline(always)]
    pub fn below_or_high(self, bound: u8) -> Lanes {
        debug_assert!(bound.is_ascii());
        Lanes(imp::below_or_high(self.0, bound))
    }

    /// The lanes holding a byte from `low` to `high`, both included.
    #[inline(always)]
    pub fn in_range(self, low: u8, high: u8) -> Lanes {
        Lanes(imp::in_range(self.0, low, high))
    }

    /// The larger byte of the two blocks' in each lane: of many blocks, the
    /// largest of each lane, which one compare then tests for them all.
    #[inline(always)]
    pub fn max(self, other: Block) -> Block {
        Block(imp::max(self.0, other.0))
    }

    /// The block with the ASCII capitals in lower case.
    #[inline(always)]
    pub fn ascii_lowercase(self) -> Block {
        Block(imp::ascii_lowercase(self.0))
    }

    /// The sixteen bytes.
    #[inline(always)]
    pub fn bytes(self) -> [u8; 16] {
        imp::store(self.0)
    }
}

/// The offsets of the bytes of `bytes` whose lanes `test` holds for, in
/// order, read sixty-four bytes (four blocks) at a time: most stretches of
/// a text hold none of the bytes a scan looks for, and cost a test each.
/// (A block at a time, the loop's own steps had cost more than the test.)
pub fn positions<'b, T>(bytes: &'b [u8], test: T) -> impl Iterator<Item = usize> + 'b
where
    T: Fn(Block) -> Lanes + 'b,
{
    const CHUNK: usize = 4 * Block::LEN;
    // The bits of the four blocks of `chunk`, the first byte lowest.
    let chunk_bits = move |chunk: &[u8; CHUNK]| {
        let lanes = |at: usize| u64::from(test(Block::load_array(chunk, at)).bits());
        lanes(0) | lanes(16) << 16 | lanes(32) << 32 | lanes(48) << 48
    };
    let mut base = 0;
    let mut next = 0;
    let mut bits = 0u64;
    std::iter::from_fn(move || loop {
        if bits != 0 {
            let lane = bits.trailing_zeros() as usize;
            bits &= bits - 1;
            return Some(base + lane);
        }
        let rest = bytes.get(next..).filter(|rest| !rest.is_empty())?;
        base = next;
        next += CHUNK;
        bits = match rest.first_chunk::<CHUNK>() {
            Some(chunk) => chunk_bits(chunk),
            None => {
                // The last, short chunk: its lanes past the end answer nothing.
                let mut padded = [0u8; CHUNK];
                padded[..rest.len()].copy_from_slice(rest);
                chunk_bits(&padded) & ((1 << rest.len()) - 1)
            }
        };
    })
}

impl Lanes {
    /// One bit a lane, the first lane lowest.
    #[inline(always)]
    pub fn bits(self) -> u32 {
        imp::movemask(self.0)
    }
}

/// The lanes both hold for.
impl std::ops::BitAnd for Lanes {
    type Output = Lanes;
    #[inline(always)]
    fn bitand(self, other: Lanes) -> Lanes {
        Lanes(imp::and(self.0, other.0))
    }
}

/// The lanes either holds for.
impl std::ops::BitOr for Lanes {
    type Output = Lanes;
    #[inline(always)]
    fn bitor(self, other: Lanes) -> Lanes {
        Lanes(imp::or(self.0, other.0))
    }
}

/// The lanes one holds for and the other not: of lanes that hold within
/// others', the others but those.
impl std::ops::BitXor for Lanes {
    type Output = Lanes;
    #[inline(always)]
    fn bitxor(self, other: Lanes) -> Lanes {
        Lanes(imp::xor(self.0, other.0))
    }
}

#[cfg(target_arch = "x86_64")]
mod imp {
    //! SSE2. Its intrinsics are `unsafe` only in that the processor must
    //! have SSE2, and every x86_64 processor does: it is part of the
    //! architecture's baseline, enabled in every x86_64 target. A lane's
    //! answer is all ones or all zeros, as a comparison sets it; `movemask`
    //! reads its top bit.
    use std::arch::x86_64::{
        __m128i, _mm_add_epi8, _mm_and_si128, _mm_cmpeq_epi8, _mm_cmpgt_epi8, _mm_loadu_si128,
        _mm_max_epu8, _mm_min_epu8, _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8,
        _mm_storeu_si128, _mm_sub_epi8, _mm_xor_si128,
    };

    pub type Vector = __m128i;

    #[inline(always)]
    pub fn load(bytes: &[u8; 16]) -> Vector {
        // SAFETY: `bytes` is sixteen readable bytes, `loadu` needs no
        // alignment, and SSE2 is there (see the module's note).
        unsafe { _mm_loadu_si128(bytes.as_ptr().cast()) }
    }

    #[inline(always)]
    pub fn store(v: Vector) -> [u8; 16] {
        let mut out = [0u8; 16];
        // SAFETY: `out` is sixteen writable bytes, `storeu` needs no
        // alignment, and SSE2 is there (see the module's note).
        unsafe { _mm_storeu_si128(out.as_mut_ptr().cast(), v) };
        out
    }

    #[inline(always)]
    pub fn eq(v: Vector, byte: u8) -> Vector {
        // SAFETY: SSE2 (see the module's note).
        unsafe { _mm_cmpeq_epi8(v, _mm_set1_epi8(byte as i8)) }
    }

    #[inline(always)]
    pub fn in_range(v: Vector, low: u8, high: u8) -> Vector {
        // `v - low`, wrapping, is at most `high - low` just in range: an
        // unsigned minimum tells, since SSE2 has no unsigned compare.
        // SAFETY: SSE2 (see the module's note).
        unsafe {
            let offset = _mm_sub_epi8(v, _mm_set1_epi8(low as i8));
            let width = _mm_set1_epi8(high.wrapping_sub(low) as i8);
            _mm_cmpeq_epi8(_mm_min_epu8(offset, width), offset)
        }
    }

    #[inline(always)]
    pub fn below_or_high(v: Vector, bound: u8) -> Vector {
        // Signed, the bytes from 0x80 up are the negative ones.
        // SAFETY: SSE2 (see the module's note).
        unsafe { _mm_cmpgt_epi8(_mm_set1_epi8(bound as i8), v) }
    }

    #[inline(always)]
    pub fn and(a: Vector, b: Vector) -> Vector {
        // SAFETY: SSE2 (see the module's note).
        unsafe { _mm_and_si128(a, b) }
    }

    #[inline(always)]
    pub fn or(a: Vector, b: Vector) -> Vector {
        // SAFETY: SSE2 (see the module's note).
        unsafe { _mm_or_si128(a, b) }
    }

    #[inline(always)]
    pub fn xor(a: Vector, b: Vector) -> Vector {
        // SAFETY: SSE2 (see the module's note).
        unsafe { _mm_xor_si128(a, b) }
    }

    #[inline(always)]
    pub fn max(a: Vector, b: Vector) -> Vector {
        // SAFETY: SSE2 (see the module's note).
        unsafe { _mm_max_epu8(a, b) }
    }

    #[inline(always)]
    pub fn movemask(v: Vector) -> u32 {
        // SAFETY: SSE2 (see the module's note).
        unsafe { _mm_movemask_epi8(v) as u32 }
    }

    #[inline(always)]
    pub fn ascii_lowercase(v: Vector) -> Vector {
        // 'A'..='Z' moved to the bottom of the signed range: one signed
        // compare tells a capital, whose 0x20 bit is then set.
        // SAFETY: SSE2 (see the module's note).
        unsafe {
            let shifted = _mm_add_epi8(v, _mm_set1_epi8(0x80u8.wrapping_sub(b'A') as i8));
            let capital = _mm_cmpgt_epi8(_mm_set1_epi8((0x80u8 + 26) as i8), shifted);
            _mm_or_si128(v, _mm_and_si128(capital, _mm_set1_epi8(0x20)))
        }
    }
}

#[cfg(not(target_arch = "x86_64"))]
use portable as imp;

#[cfg(any(test, not(target_arch = "x86_64")))]
mod portable {
    //! The same answers a lane at a time: a lane is 0xFF when the test
    //! holds, as SSE2's comparisons give. Tested on every machine against
    //! the same reference as the vector code.
    pub type Vector = [u8; 16];

    #[inline(always)]
    pub fn load(bytes: &[u8; 16]) -> Vector {
        *bytes
    }

    #[inline(always)]
    pub fn store(v: Vector) -> [u8; 16] {
        v
    }

    #[inline(always)]
    pub fn eq(v: Vector, byte: u8) -> Vector {
        v.map(|b| if b == byte { 0xFF } else { 0 })
    }

    #[inline(always)]
    pub fn in_range(v: Vector, low: u8, high: u8) -> Vector {
        v.map(|b| if (low..=high).contains(&b) { 0xFF } else { 0 })
    }

    #[inline(always)]
    pub fn below_or_high(v: Vector, bound: u8) -> Vector {
        v.map(|b| if b < bound || b >= 0x80 { 0xFF } else { 0 })
    }

    #[inline(always)]
    pub fn and(a: Vector, b: Vector) -> Vector {
        std::array::from_fn(|i| a[i] & b[i])
    }

    #[inline(always)]
    pub fn or(a: Vector, b: Vector) -> Vector {
        std::array::from_fn(|i| a[i] | b[i])
    }

    #[inline(always)]
    pub fn xor(a: Vector, b: Vector) -> Vector {
        std::array::from_fn(|i| a[i] ^ b[i])
    }

    #[inline(always)]
    pub fn max(a: Vector, b: Vector) -> Vector {
        std::array::from_fn(|i| a[i].max(b[i]))
    }

    #[inline(always)]
    pub fn movemask(v: Vector) -> u32 {
        v.iter()
            .enumerate()
            .fold(0, |bits, (i, &b)| bits | (u32::from(b >> 7) << i))
    }

    #[inline(always)]
    pub fn ascii_lowercase(v: Vector) -> Vector {
        v.map(|b| b.to_ascii_lowercase())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lanes_where(bytes: &[u8; 16], test: impl Fn(u8) -> bool) -> u32 {
        bytes
            .iter()
            .enumerate()
            .fold(0, |bits, (i, &b)| bits | (u32::from(test(b)) << i))
    }

    /// Every byte value in every lane, with another value beside it, holds
    /// each of an implementation's answers to the lane-by-lane reference.
    macro_rules! check_every_byte_in_every_lane {
        ($imp:ident) => {
            for value in 0..=255u8 {
                for lane in 0..16 {
                    let mut bytes = [b'x'; 16];
                    bytes[lane] = value;
                    bytes[(lane + 5) % 16] = value.wrapping_add(1);
                    let v = $imp::load(&bytes);
                    let bits = $imp::movemask;
                    for probe in [value, value.wrapping_add(1), b'x', 0, 0xFF] {
                        let expected = lanes_where(&bytes, |b| b == probe);
                        assert_eq!(bits($imp::eq(v, probe)), expected);
                    }
                    assert_eq!(bits(v), lanes_where(&bytes, |b| b >= 0x80));
                    for (low, high) in [(0, 0), (0x80, 0x8F), (value, value), (3, 0xFE), (0, 0xFF)]
                    {
                        let expected = lanes_where(&bytes, |b| (low..=high).contains(&b));
                        assert_eq!(bits($imp::in_range(v, low, high)), expected);
                    }
                    for bound in [0, 1, 14, 0x7F] {
                        let expected = lanes_where(&bytes, |b| b < bound || b >= 0x80);
                        assert_eq!(bits($imp::below_or_high(v, bound)), expected);
                    }
                    let other = $imp::load(&std::array::from_fn(|i| (i as u8).wrapping_mul(37)));
                    let larger = std::array::from_fn(|i| bytes[i].max((i as u8).wrapping_mul(37)));
                    assert_eq!($imp::store($imp::max(v, other)), larger, "{value:#x}");
                    let lower = $imp::store($imp::ascii_lowercase(v));
                    assert_eq!(lower, bytes.map(|b| b.to_ascii_lowercase()), "{value:#x}");
                    let (is_value, is_x) = ($imp::eq(v, value), $imp::eq(v, b'x'));
                    let either = lanes_where(&bytes, |b| b == value || b == b'x');
                    assert_eq!(bits($imp::or(is_value, is_x)), either);
                    let both = lanes_where(&bytes, |b| b == value && b >= 0x80);
                    assert_eq!(bits($imp::and(is_value, v)), both);
                    let one = lanes_where(&bytes, |b| (b == value) != (b >= 0x80));
                    assert_eq!(bits($imp::xor(is_value, v)), one);
                }
            }
        };
    }

    #[test]
    fn the_vector_code_answers_every_byte_in_every_lane() {
        check_every_byte_in_every_lane!(imp);
    }

    #[test]
    fn the_portable_code_answers_every_byte_in_every_lane() {
        check_every_byte_in_every_lane!(portable);
    }

    #[test]
    fn positions_are_the_bytes_the_test_holds_for() {
        let text: Vec<u8> = (0..200u8).map(|i| i.wrapping_mul(37)).collect();
        for len in 0..text.len() {
            let bytes = &text[..len];
            for wanted in [0u8, 37, 74, 0xFF] {
                let found: Vec<usize> =
                    positions(bytes, |b| b.eq(wanted) | b.below_or_high(3)).collect();
                let expected: Vec<usize> = (0..len)
                    .filter(|&i| bytes[i] == wanted || bytes[i] < 3 || bytes[i] >= 0x80)
                    .collect();
                assert_eq!(found, expected, "{len} {wanted}");
            }
        }
    }

    #[test]
    fn blocks_load_and_combine_as_their_lanes() {
        let text = b"ab\tc  d\xC2\xA0e-\nfgh\rijklmnopq";
        for at in 0..=text.len() - 16 {
            let block = Block::load(&text[at..]).expect("sixteen bytes");
            let window: &[u8; 16] = text[at..at + 16].try_into().expect("sixteen bytes");
            let spaces = block.eq(b' ') | block.below_or_high(b'\r' + 1);
            let expected = lanes_where(window, |b| b == b' ' || b <= b'\r' || b >= 0x80);
            assert_eq!(spaces.bits(), expected);
            let high_c2 = block.eq(0xC2) & block.below_or_high(0);
            assert_eq!(high_c2.bits(), lanes_where(window, |b| b == 0xC2));
            let letters = block.in_range(b'a', b'z');
            assert_eq!(
                letters.bits(),
                lanes_where(window, |b| b.is_ascii_lowercase())
            );
            let array: &[u8; 19] = text[at.min(text.len() - 19)..][..19]
                .try_into()
                .expect("19");
            for offset in 0..=3 {
                let from_array = Block::load_array(array, offset).bytes();
                assert_eq!(&from_array[..], &array[offset..offset + 16]);
            }
        }
        assert!(Block::load(&[0; 15]).is_none());
        assert!(Block::load(&[0; 16]).is_some());
    }
}
