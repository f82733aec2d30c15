//! Appointment files (`beeldbel advise`): the `appointment` CEL variable.

use crate::schema::{Field, Ty};

enum_values! {
    ACTIVITIES, ACTIVITIES_VALUES;
    "gegevens_uitvragen" => "gegevens uitvragen", "gathering information";
    "belemmeringen_uitvragen" => "belemmeringen uitvragen", "asking about barriers";
    "visie_client" => "visie van de cliënt horen", "hearing the client's view";
    "hoor_wederhoor" => "hoor en wederhoor", "hearing both sides";
    "aanpassingen_onderzoek" => "onderzoek naar aanpassingen", "assessing adjustments";
    "werkplekonderzoek" => "werkplekonderzoek", "workplace assessment";
    "uitkomst_bespreken" => "uitkomst bespreken", "discussing the outcome";
    "afspraken_reintegratie" => "afspraken over re-integratie", "agreements on reintegration";
    "overleg_professional" => "overleg tussen professionals", "consultation between professionals";
}
enum_values! {
    PREFERENCES, PREFERENCES_VALUES;
    "video" => "beeldbellen", "video call";
    "physical" => "fysiek contact", "in person";
    "phone" => "telefoon", "phone";
    "none" => "geen voorkeur", "no preference";
}
enum_values! {
    MEDICAL_BARRIERS, MEDICAL_BARRIERS_VALUES;
    "concentration" => "concentratieproblemen", "difficulty concentrating";
    "energy" => "beperkte energie", "limited energy";
    "speech" => "spraakproblemen", "speech difficulties";
    "hearing" => "gehoorproblemen", "hearing difficulties";
    "prolonged_sitting" => "lang zitten gaat niet", "cannot sit for long";
}

/// An appointment file: the `appointment` CEL variable.
pub const APPOINTMENT_FILE: &[Field] = &[
    Field::req(
        "activity",
        Ty::Enum(ACTIVITIES_VALUES),
        "What the conversation is for.",
    ),
    Field::opt(
        "first_contact",
        Ty::Bool,
        "The first contact with the client.",
    ),
    Field::opt(
        "conflict_with_employer",
        Ty::Bool,
        "There is a conflict with the employer.",
    ),
    Field::opt(
        "psychological_complaints",
        Ty::Bool,
        "The client has psychological complaints.",
    ),
    Field::opt(
        "physical_contact_possible",
        Ty::Bool,
        "False during a lockdown.",
    ),
    Field::opt(
        "client_preference",
        Ty::Enum(PREFERENCES_VALUES),
        "The contact form the client prefers.",
    ),
    Field::opt(
        "client_consents_video",
        Ty::Bool,
        "The client agreed to a video call.",
    ),
    Field::opt(
        "medical_barriers",
        Ty::List(&Ty::Enum(MEDICAL_BARRIERS_VALUES)),
        "Medical barriers to video calling.",
    ),
    Field::opt(
        "limited_digital_skills",
        Ty::Bool,
        "The client has limited digital skills.",
    ),
    Field::opt(
        "limited_language_skills",
        Ty::Bool,
        "The client has limited language skills.",
    ),
    Field::opt(
        "long_running_contact",
        Ty::Bool,
        "A long-running good contact exists.",
    ),
    Field::opt(
        "client_cannot_travel",
        Ty::Bool,
        "The client cannot travel.",
    ),
    Field::opt(
        "terminal_illness",
        Ty::Bool,
        "The client is terminally ill.",
    ),
    Field::opt(
        "home_visit_undesired",
        Ty::Bool,
        "A home visit is undesired (by the client or for safety).",
    ),
];
