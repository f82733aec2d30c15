//! How arbeidsdeskundigen judge video calling per activity: AKC Cahier 28, table 4 and table 8.

use serde::Serialize;

/// How arbeidsdeskundigen judged video calling for an activity (AKC Cahier 28, §5.1.4 table 4
/// and §5.3.1 table 8; survey of arbeidsdeskundigen, percentages of respondents).
#[derive(Clone, Debug, Serialize, schemars::JsonSchema)]
pub struct Peers {
    /// The activity as the Cahier names it.
    pub activity_in_cahier: &'static str,
    /// Table 4: "Nooit, fysiek contact is altijd noodzakelijk".
    pub never: u8,
    /// Table 4: "Ja, onder bepaalde voorwaarden".
    pub under_conditions: u8,
    /// Table 4: "Ja".
    pub yes: u8,
    /// Table 4: "Niet van toepassing".
    pub not_applicable: u8,
    /// Table 8: "tevreden" plus "zeer tevreden" among those with experience.
    pub satisfied: u8,
    pub source: &'static str,
}

const SOURCE: &str = "AKC Cahier 28 Beeldbellen, §5.1.4 tabel 4 en §5.3.1 tabel 8";

/// Table 4 and table 8 of the Cahier, by activity id. `overleg_professional` has no row.
pub fn peers(activity: &str) -> Option<Peers> {
    let row = |activity_in_cahier, never, under_conditions, yes, not_applicable, satisfied| Peers {
        activity_in_cahier,
        never,
        under_conditions,
        yes,
        not_applicable,
        satisfied,
        source: SOURCE,
    };
    Some(match activity {
        "gegevens_uitvragen" => row(
            "Uitvragen/checken van gegevens als opleiding, ervaring, arbeidsverleden, loon",
            3,
            18,
            72,
            7,
            76,
        ),
        "belemmeringen_uitvragen" => {
            row("Uitvragen van de ervaren belemmeringen", 16, 27, 50, 6, 69)
        }
        "visie_client" => row(
            "Uitvragen van de visie van de klant op de re-integratie/arbeidsmogelijkheden",
            14,
            26,
            55,
            5,
            74,
        ),
        "hoor_wederhoor" => row("Toepassen van hoor en wederhoor", 21, 22, 49, 7, 59),
        "aanpassingen_onderzoek" => row(
            "Onderzoek naar mogelijke aanpassingen/te treffen voorzieningen in werk",
            34,
            38,
            17,
            11,
            33,
        ),
        "werkplekonderzoek" => row("Werkplekonderzoek", 68, 21, 1, 10, 10),
        "uitkomst_bespreken" => row("Bespreken uitkomst beoordeling", 13, 33, 48, 6, 66),
        "afspraken_reintegratie" => row(
            "Afspraken maken voor re-integratietraject",
            10,
            28,
            49,
            13,
            56,
        ),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_activity_but_talks_between_professionals_has_a_table_4_row() {
        for a in crate::schema::defs::ACTIVITIES {
            let row = peers(a);
            assert_eq!(row.is_none(), *a == "overleg_professional", "{a}");
            if let Some(r) = row {
                // The Cahier rounds each share: rows add up to 99–101 %.
                let total = r.never + r.under_conditions + r.yes + r.not_applicable;
                assert!((99..=101).contains(&total), "{a}: {total}");
            }
        }
        let werkplek = peers("werkplekonderzoek").unwrap();
        assert_eq!((werkplek.never, werkplek.under_conditions), (68, 21));
    }
}
