//! rescite: citations between United Nations resolutions, in six languages.
//!
//! The stages, each in its own module, data flowing one way:
//! [`input`] (bytes → text) → [`extract`] (text → citations) → graph → query / render.
//! [`symbol`] is the canonical id model every stage shares.

pub mod symbol;

pub use symbol::{Kind, Organ, Symbol, SymbolError};
