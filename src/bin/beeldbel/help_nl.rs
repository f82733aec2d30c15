//! The Dutch help: one text per subcommand, per argument and per described value. The English
//! help is the doc comments in [`crate::args`]; [`crate::cli`] puts these texts over them when the
//! run is Dutch. A test checks that every subcommand, argument and described value has its Dutch
//! text here (a new flag without one fails it) and that no text here names something that is gone.

/// The description of the program (`""`) and of each subcommand.
pub const ABOUT: &[(&str, &str)] = &[
    (
        "",
        "Controleert of een opzet voor beeldbellen voldoet aan de AVG en aan de beroepsnormen van \
         AKC Cahier 28. Uitvoer standaard in het Nederlands; --lang en voor Engels.",
    ),
    (
        "check",
        "Organisatiebestanden (of een map ervan) toetsen aan het beleid",
    ),
    (
        "validate",
        "Beleids-, platform- of organisatiebestanden inlezen en controleren, zonder te toetsen",
    ),
    (
        "advise",
        "Advies voor één afspraak: is beeldbellen passend? (een bestand, opties of beide; opties \
         gaan voor)",
    ),
    (
        "explain",
        "Een eis (bijv. AVG-DPIA-01) of een platform (bijv. zoom) toelichten",
    ),
    ("platforms", "De platformcatalogus als tabel tonen"),
    ("schema", "Het JSON Schema van een bestandssoort tonen"),
    (
        "report",
        "Een bewaard JSON-rapport (`check --format json`) in een andere vorm weergeven, zonder \
         opnieuw te toetsen",
    ),
    (
        "channels",
        "Elke platformeditie in de catalogus beoordelen: acceptabel, acceptabel onder voorwaarden \
         (met de instellingen om te wijzigen), niet acceptabel (met de redenen)",
    ),
    (
        "dpia",
        "Een concept-DPIA (Model DPIA Rijksdienst v3.0), vooraf ingevuld uit een \
         organisatiebestand, de catalogus en de toetsuitkomsten; elke lacune is gemarkeerd",
    ),
    (
        "completions",
        "Een script voor het aanvullen van opdrachten in de shell tonen (docs/cli.md)",
    ),
    (
        "man",
        "De handleidingpagina (roff) naar stdout schrijven, of met --output MAP een pagina per \
         opdracht",
    ),
    (
        "lock",
        "https://-bronnen ophalen en hun SHA-256 in het lockbestand schrijven (beeldbel.lock of \
         --lock BESTAND), waartegen elke opdracht ze daarna controleert",
    ),
    (
        "diff",
        "Wat er veranderde tussen twee opgeslagen JSON-rapporten (`check --format json`) van \
         dezelfde organisatie(s); exitcode 1 als iets verslechterde",
    ),
    (
        "probe",
        "Een Jitsi Meet-, BigBlueButton- of Nextcloud Talk-server in eigen beheer van buiten \
         bekijken: TLS, beveiligingsheaders en wat de openbare configuratie zegt (docs/probe.md); \
         exitcode 1 als een bevinding tegen een eis ingaat",
    ),
];

/// The help of each argument: (subcommand, argument id, text). Global arguments are listed once,
/// under the program (`""`).
pub const ARGS: &[(&str, &str, &str)] = &[
    (
        "",
        "lang",
        "Taal van de hulp, de meldingen en het rapport (standaard Nederlands; Engels als LC_ALL, \
         LC_MESSAGES of LANG met `en` begint; docs/cli.md)",
    ),
    (
        "",
        "policy",
        "Beleidsbestand(en) of https://-URL('s) (URL#sha256=HEX pint er één vast; \
         docs/remote.md) in plaats van het ingebouwde standaardbeleid",
    ),
    (
        "",
        "platforms",
        "Platformcatalogus (een map met platformbestanden, één bestand, of de https://-URL van \
         één bestand) in plaats van de ingebouwde",
    ),
    (
        "",
        "facts",
        "Feitenoverlay (een bestand, een map ervan, of een https://-URL) over de gebruikte \
         catalogus; herhaalbaar, toegepast in de gegeven volgorde",
    ),
    (
        "",
        "today",
        "Peildatum JJJJ-MM-DD (standaard: vandaag), voor herhaalbare uitvoer",
    ),
    ("", "verbose", "Meer logregels op stderr (-v, -vv)"),
    ("", "quiet", "Alleen fouten op stderr"),
    (
        "",
        "max_file_bytes",
        "Grootste invoerbestand, in bytes (docs/limits.md)",
    ),
    (
        "",
        "max_report_bytes",
        "Grootste bewaarde JSON-rapport voor `report --from` en `diff`, in bytes (docs/limits.md)",
    ),
    (
        "",
        "max_deployments",
        "Meeste deployments in één organisatiebestand (docs/limits.md)",
    ),
    (
        "",
        "max_list_items",
        "Meeste elementen in elke andere lijst van een invoerbestand (docs/limits.md)",
    ),
    (
        "",
        "ca_file",
        "Extra CA-certificaat of -certificaten (PEM) die voor https://-bronnen vertrouwd worden, \
         naast de web-PKI-rootcertificaten",
    ),
    (
        "",
        "offline",
        "Het netwerk niet gebruiken: https://-bronnen komen uit de cache, en alleen als ze \
         vastgepind zijn (URL#sha256= of het lockbestand)",
    ),
    (
        "",
        "lock_file",
        "Het lockbestand met de SHA-256 van elke https://-bron (standaard: beeldbel.lock in de \
         huidige map, als dat er is)",
    ),
    (
        "",
        "net_timeout",
        "Tijdslimiet van één keer ophalen via https://, in seconden (doorverwijzingen inbegrepen)",
    ),
    (
        "lock",
        "urls",
        "De vast te leggen URL's (standaard: de https://-bronnen van --policy, --platforms en \
         --facts)",
    ),
    ("check", "files", "Organisatiebestanden of mappen"),
    ("check", "format", "Vorm van het rapport"),
    (
        "check",
        "output",
        "Het rapport (atomair) naar BESTAND schrijven in plaats van naar stdout",
    ),
    (
        "check",
        "fail_on",
        "Laagste ernst waardoor het oordeel 'voldoet niet' wordt",
    ),
    (
        "validate",
        "files",
        "Te controleren bestanden (de soort wordt aan de inhoud herkend)",
    ),
    (
        "advise",
        "file",
        "Afspraakbestand (TOML); de opties hieronder gaan voor zijn velden",
    ),
    ("advise", "activity", "Waarvoor het gesprek is"),
    (
        "advise",
        "first_contact",
        "Het eerste contact met de cliënt",
    ),
    (
        "advise",
        "conflict_with_employer",
        "Er is een conflict met de werkgever",
    ),
    (
        "advise",
        "psychological_complaints",
        "De cliënt heeft psychische klachten",
    ),
    (
        "advise",
        "physical_contact_possible",
        "Fysiek contact is mogelijk (nee tijdens een lockdown)",
    ),
    (
        "advise",
        "client_preference",
        "De contactvorm die de cliënt verkiest",
    ),
    (
        "advise",
        "client_consents_video",
        "De cliënt stemt in met beeldbellen",
    ),
    (
        "advise",
        "medical_barriers",
        "Medische belemmeringen, gescheiden door komma's",
    ),
    (
        "advise",
        "limited_digital_skills",
        "De cliënt is beperkt digitaal vaardig",
    ),
    (
        "advise",
        "limited_language_skills",
        "De cliënt is beperkt taalvaardig",
    ),
    (
        "advise",
        "long_running_contact",
        "Er is een langlopend goed contact",
    ),
    (
        "advise",
        "client_cannot_travel",
        "De cliënt kan niet reizen",
    ),
    ("advise", "terminal_illness", "De cliënt is terminaal ziek"),
    (
        "advise",
        "home_visit_undesired",
        "Een huisbezoek is ongewenst",
    ),
    ("advise", "format", "Vorm van het advies"),
    (
        "advise",
        "output",
        "Het advies (atomair) naar BESTAND schrijven in plaats van naar stdout",
    ),
    ("explain", "id", "Id van een eis of van een platform"),
    (
        "platforms",
        "stale",
        "Alleen de feiten ouder dan `max_fact_age_days` van het beleid, met hun bronnen",
    ),
    (
        "platforms",
        "export",
        "De gebruikte catalogus (met de overlays van --facts) als bewerkbare platformbestanden \
         `<id>.toml` in MAP schrijven, te laden met --platforms MAP",
    ),
    (
        "platforms",
        "force",
        "Met --export: bestaande bestanden vervangen",
    ),
    ("schema", "kind", "Bestandssoort"),
    ("report", "from", "Het bewaarde JSON-rapport"),
    ("report", "format", "Vorm van het rapport"),
    (
        "report",
        "output",
        "Het rapport (atomair) naar BESTAND schrijven in plaats van naar stdout",
    ),
    ("channels", "format", "Vorm van de lijst"),
    (
        "channels",
        "only",
        "Alleen edities met deze beoordeling of beter",
    ),
    (
        "channels",
        "previous",
        "Een eerdere lijst (`channels --format json`): tonen wat sindsdien veranderde",
    ),
    (
        "channels",
        "output",
        "De lijst (atomair) naar BESTAND schrijven in plaats van naar stdout",
    ),
    ("dpia", "file", "Het organisatiebestand"),
    ("dpia", "format", "Vorm van het concept"),
    (
        "dpia",
        "output",
        "Het concept (atomair) naar BESTAND schrijven in plaats van naar stdout",
    ),
    (
        "dpia",
        "fail_on",
        "Laagste ernst die in de toetsuitkomsten tegen het oordeel telt",
    ),
    ("completions", "shell", "De shell"),
    (
        "man",
        "output",
        "Een map (met beeldbel.1 en beeldbel-<opdracht>.1) of een bestand (alleen beeldbel.1)",
    ),
    (
        "advise",
        "interactive",
        "Stel de open vragen in de terminal, één voor één, en geef dan het advies",
    ),
    (
        "dpia",
        "answers",
        "De antwoorden van de organisatie op de open punten van het concept (een TOML-bestand \
         met per punt zijn sleutel; maak er een met --answers-template)",
    ),
    (
        "dpia",
        "answers_template",
        "Schrijf in plaats van het concept een antwoordenbestand met elk open punt als in te \
         vullen item (met --answers blijven de gegeven antwoorden staan)",
    ),
    ("diff", "old", "Het eerdere opgeslagen JSON-rapport"),
    ("diff", "new", "Het latere opgeslagen JSON-rapport"),
    ("diff", "format", "Vorm van het verschil"),
    (
        "diff",
        "output",
        "Het verschil (atomair) naar BESTAND schrijven in plaats van naar stdout",
    ),
    (
        "probe",
        "url",
        "Het adres van de server (alleen https://), bijvoorbeeld https://meet.example.nl",
    ),
    ("probe", "format", "Vorm van de uitvoer"),
    (
        "probe",
        "facts_out",
        "Schrijf wat gezien is ook als feitenoverlay voor `check --facts BESTAND`",
    ),
    (
        "probe",
        "deployment",
        "De inzet (het id in het organisatiebestand) waarvoor de probe is, genoemd in het rapport",
    ),
    (
        "probe",
        "platform",
        "Alleen de adressen van dit platform bevragen in plaats van het te herkennen",
    ),
    (
        "probe",
        "output",
        "Het rapport (atomair) naar BESTAND schrijven in plaats van naar stdout",
    ),
];

/// The Dutch of each described value of a flag, keyed by its English description (the same
/// enum serves several flags, e.g. `--format` of `check` and `report`).
pub const VALUES: &[(&str, &str)] = &[
    ("Nederlands (default)", "Nederlands (standaard)"),
    ("English", "Engels"),
    ("The probe report as data", "Het proberapport als gegevens"),
    (
        "For a terminal or a plain file",
        "Voor een terminal of een gewoon bestand",
    ),
    (
        "The canonical result (`beeldbel schema report`)",
        "Het canonieke resultaat (`beeldbel schema report`)",
    ),
    (
        "For a DPIA annex or a wiki page (CommonMark with tables)",
        "Voor een DPIA-bijlage of een wikipagina (CommonMark met tabellen)",
    ),
    (
        "One self-contained page to open and print",
        "Eén op zichzelf staande pagina om te openen en af te drukken",
    ),
    ("JUnit XML for CI pipelines", "JUnit XML voor CI-pijplijnen"),
    (
        "SARIF 2.1.0 for code-scanning tools",
        "SARIF 2.1.0 voor code-scanningtools",
    ),
    (
        "OSCAL 1.1 assessment results for GRC tools",
        "OSCAL 1.1-beoordelingsresultaten voor GRC-tools",
    ),
    (
        "CommonMark with tables: to paste into a document or a wiki",
        "CommonMark met tabellen: om in een document of een wiki te plakken",
    ),
    (
        "One self-contained page to open, edit from and print",
        "Eén op zichzelf staande pagina om te openen, vanuit te bewerken en af te drukken",
    ),
    (
        "Only editions rated acceptabel",
        "Alleen edities die acceptabel zijn",
    ),
    (
        "Acceptabel and acceptabel onder voorwaarden",
        "Acceptabel en acceptabel onder voorwaarden",
    ),
    (
        "A facts overlay (`--facts`)",
        "Een feitenoverlay (`--facts`)",
    ),
    (
        "The JSON report (`check --format json`)",
        "Het JSON-rapport (`check --format json`)",
    ),
    (
        "A DPIA answers file (`dpia --answers`)",
        "Een antwoordenbestand voor een DPIA-concept (`dpia --answers`)",
    ),
    (
        "The JSON advice (`advise --format json`)",
        "Het JSON-advies (`advise --format json`)",
    ),
    (
        "A Word document (Office Open XML) to review, annotate and sign",
        "Een Word-document (Office Open XML) om te beoordelen, aan te vullen en te ondertekenen",
    ),
    (
        "An OpenDocument text (LibreOffice) to review, annotate and sign",
        "Een OpenDocument-tekst (LibreOffice) om te beoordelen, aan te vullen en te ondertekenen",
    ),
    (
        "A Word document (Office Open XML) to review and sign, gaps highlighted",
        "Een Word-document (Office Open XML) om te beoordelen en te ondertekenen, open punten \
         geel gemarkeerd",
    ),
    (
        "An OpenDocument text (LibreOffice) to review and sign, gaps highlighted",
        "Een OpenDocument-tekst (LibreOffice) om te beoordelen en te ondertekenen, open punten \
         geel gemarkeerd",
    ),
    (
        "For a wiki page or the audit file",
        "Voor een wikipagina of het auditdossier",
    ),
    (
        "The diff as data (schema_version 1)",
        "Het verschil als gegevens (schema_version 1)",
    ),
];

/// The headings and the texts clap itself writes into help.
pub const OPTIONS: &str = "Opties";
pub const ARGUMENTS: &str = "Argumenten";
pub const LIMITS: &str = "Grenzen";
pub const REMOTE: &str = "Bronnen op afstand";
pub const COMMANDS: &str = "Opdrachten";
pub const COMMAND: &str = "OPDRACHT";
pub const USAGE: &str = "Gebruik:";
pub const HELP_SHORT: &str = "Hulp tonen (meer met '--help')";
pub const HELP_LONG: &str = "Hulp tonen (een samenvatting met '-h')";
pub const HELP_COMMAND: &str = "Deze hulp tonen, of die van de genoemde opdracht(en)";
pub const VERSION: &str = "Versie tonen";
pub const DEFAULT: &str = "standaard";
pub const POSSIBLE_VALUES: &str = "mogelijke waarden";
pub const POSSIBLE_VALUES_HEADING: &str = "Mogelijke waarden:";

/// The Dutch of a placeholder (`--output <FILE>`); the others (`<FORMAT>`, a value from a list)
/// stay as they are.
pub fn value_name(english: &str) -> Option<&'static str> {
    Some(match english {
        "FILE" => "BESTAND",
        "FILES" => "BESTANDEN",
        "DIR" => "MAP",
        "DIR|FILE" => "MAP|BESTAND",
        "FILE|DIR" => "BESTAND|MAP",
        "DATE" => "DATUM",
        "SECONDS" => "SECONDEN",
        "OLD.json" => "OUD.json",
        "NEW.json" => "NIEUW.json",
        "KIND" => "SOORT",
        "COMMAND" => COMMAND,
        _ => return None,
    })
}

/// The Dutch description of a subcommand (`""`: the program).
pub fn about(command: &str) -> Option<&'static str> {
    ABOUT.iter().find(|(c, _)| *c == command).map(|(_, t)| *t)
}

/// The Dutch help of argument `id` of `command` (`""`: a global argument).
pub fn arg(command: &str, id: &str) -> Option<&'static str> {
    ARGS.iter()
        .find(|(c, a, _)| *c == command && *a == id)
        .map(|(_, _, t)| *t)
}

/// The Dutch of a value's English description.
pub fn value(english: &str) -> Option<&'static str> {
    VALUES.iter().find(|(e, _)| *e == english).map(|(_, t)| *t)
}
