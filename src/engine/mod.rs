//! What beeldbel computes from validated inputs: the check of an organisation ([`check`]), advice
//! for an appointment ([`advise`]), the rating of every platform edition ([`channels`]) and the
//! DPIA draft ([`dpia`]). Engines produce results; they never render.

pub mod advise;
pub mod assemble;
pub mod channels;
pub mod check;
pub mod dpia;
