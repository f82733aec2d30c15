//! One organisation file with many deployments, for the large-organisation benchmark
//! (`benches/large_org.rs`) and test (`tests/large_org.rs`): issue 12 §2, "an organisation with
//! 10,000 deployments". Deterministic: the same `n` gives the same file.

/// Every platform and edition of the embedded catalogue: the deployments cycle through them.
pub const EDITIONS: [(&str, &str); 19] = [
    ("zoom", "business"),
    ("zoom", "basic"),
    ("teams", "enterprise"),
    ("teams", "free"),
    ("whatsapp", "consumer"),
    ("skype", "consumer"),
    ("facetime", "consumer"),
    ("webex", "business"),
    ("webex", "free"),
    ("whereby", "business"),
    ("whereby", "free"),
    ("signal", "consumer"),
    ("jitsi", "meet-jit-si"),
    ("jitsi", "self-hosted"),
    ("google-meet", "workspace"),
    ("google-meet", "personal"),
    ("nextcloud-talk", "self-hosted"),
    ("bigbluebutton", "self-hosted"),
    ("beterdichtbij", "business"),
];

/// The organisation part: an arbodienst whose DPIA covers every platform.
const HEAD: &str = r#"[organisation]
name = "Arbodienst Groot B.V."
kind = "arbodienst"
public_authority = false
large_scale_health = true
dpo = { designated = true, contact = "fg@arbodienst-groot.nl" }

[processing]
purposes = ["Spreekuurgesprekken en re-integratiegesprekken met verzuimende werknemers"]
purpose_justification = "Beeldbellen is een aanvulling op fysiek contact."
lawful_basis = "legal_obligation"
lawful_basis_reference = "Wet verbetering poortwachter"
special_categories = ["health"]
art9_exception = "uavg_30"
art9_reference = "UAVG art. 30 lid 1 onder a"
in_processing_register = true

[dpia]
status = "completed"
completed_on = 2025-02-10
covers = ["zoom", "teams", "whatsapp", "skype", "facetime", "webex", "whereby", "signal", "jitsi", "google-meet", "nextcloud-talk", "bigbluebutton", "beterdichtbij"]
dpo_advice_on = 2025-01-28
residual_high_risk = false
review_due = 2027-02-10

[video_policy]
adopted_on = 2025-03-01
covers = ["client_information", "recording", "retention", "allowed_tools"]

[recording]
allowed = "never"
retention_days = 0
client_recordings_rules_published = true

[client_information]
privacy_notice_url = "https://arbodienst-groot.nl/privacy/beeldbellen"
informed_before_call = true
instructions_before_call = true
alternative_offered = true

[conduct]
client_consent_recorded = true
client_chooses_contact_form = true
report_checked_by_client = true
justification_in_report = true
office_hours_only = true
evaluated_during_trajectory = true
third_party_presence_explained = true
"#;

/// The id of deployment `i`: `inzet-00000`, … (sorts as it is numbered).
pub fn deployment_id(i: usize) -> String {
    format!("inzet-{i:05}")
}

/// An organisation file with `n` deployments cycling through every catalogue edition, their
/// settings varied by number (some left out, so outcomes take the states pass, fail, unknown
/// and not applicable), and a waiver for every fifth Zoom business deployment (`PLAT-DOEL-01`, unknown there).
pub fn organisation(n: usize) -> String {
    let mut s = String::with_capacity(HEAD.len() + n * 420);
    s.push_str(HEAD);
    let yes_no = |i: usize, k: usize| {
        if (i / k).is_multiple_of(5) {
            "false"
        } else {
            "true"
        }
    };
    for i in 0..n {
        let (platform, edition) = EDITIONS[i % EDITIONS.len()];
        s.push_str("\n[[deployments]]\n");
        s.push_str(&format!(
            "id = \"{}\"\nplatform = \"{platform}\"\nedition = \"{edition}\"\n",
            deployment_id(i)
        ));
        if i % 7 != 3 {
            s.push_str(&format!(
                "processor_agreement_signed_on = 2024-{:02}-01\n",
                1 + i % 12
            ));
        }
        s.push_str(["data_region = \"EU\"\n", "data_region = \"US\"\n", ""][i % 3]);
        if i % 4 != 1 {
            s.push_str("transfer_basis = \"dpf\"\n");
        }
        s.push_str(&format!(
            "e2ee_enabled = {}\nwaiting_room_enabled = {}\nmeeting_protection_enabled = {}\n",
            yes_no(i, 1),
            yes_no(i, 2),
            yes_no(i, 3)
        ));
        s.push_str(["recording = \"disabled\"\n", "recording = \"cloud\"\n"][i % 2]);
        if i % 11 != 5 {
            s.push_str(&format!(
                "mfa_enforced = {}\nfunctional_host_accounts = {}\ntelemetry_minimised = {}\n",
                yes_no(i, 4),
                yes_no(i, 6),
                yes_no(i, 7)
            ));
        }
    }
    for i in (0..n).step_by(5 * EDITIONS.len()) {
        s.push_str(&format!(
            "\n[[waivers]]\nrequirement = \"PLAT-DOEL-01\"\ndeployment = \"{}\"\nreason = \"Beoordeeld in de DPIA; restrisico aanvaard.\"\napproved_by = \"FG\"\napproved_on = 2025-02-20\nexpires = 2027-02-20\n",
            deployment_id(i)
        ));
    }
    s
}
