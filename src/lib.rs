//! rescite: citations between United Nations resolutions, in six languages.
//!
//! The stages, each in its own module, data flowing one way:
//! [`input`] (bytes → text) → [`extract`] (text → citations) → graph → query / render.
//! [`symbol`] is the canonical id model every stage shares.

pub mod alloc;
pub mod normalize;
pub mod symbol;

pub use symbol::{Kind, Organ, Symbol, SymbolError};
pub mod block;
pub mod build;
pub mod document;
pub mod extract;
pub mod fetch;
pub mod graph;
pub mod input;
pub mod query;
pub mod render;
pub mod vocab;
