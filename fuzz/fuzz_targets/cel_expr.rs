//! One CEL expression on its own, as a policy's `check` would hold it: the guard, the parser,
//! the field-path checks, then evaluation with every variable bound (the example organisation,
//! its first deployment and platform edition, the example appointment, the embedded policy and
//! a fixed date). Faster than `policy_loader` at reaching the expression code, since no TOML
//! wraps the expression.
#![no_main]

use std::sync::OnceLock;

use beeldbel::diag::{Files, Sink};
use beeldbel::expr::{Bindings, ExprLoc, Root, Var};
use beeldbel::schema::node::date_to_cel;
use beeldbel_fuzz as support;
use libfuzzer_sys::fuzz_target;

/// The values bound to the variables, built once (CEL values are cheap to clone).
fn values() -> &'static Vec<(Var, cel::Value)> {
    static VALUES: OnceLock<Vec<(Var, cel::Value)>> = OnceLock::new();
    VALUES.get_or_init(|| {
        let org = support::example_org();
        let d = &org.deployments[0];
        let (platform, edition) = support::catalogue()
            .edition(&d.platform, &d.edition)
            .expect("the example's deployment is in the catalogue");
        vec![
            (Var::Org, org.cel_value()),
            (Var::Deployment, d.node.to_cel()),
            (Var::Platform, edition.cel_value(platform, support::today())),
            (Var::Appointment, support::example_appointment().0.to_cel()),
        ]
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else {
        return;
    };
    let mut files = Files::default();
    let mut sink = Sink::default();
    // The expression as the content of a literal TOML string spanning the whole file.
    let file = files.add("fuzz-expr.cel", src);
    let loc = ExprLoc {
        file,
        string_span: 0..src.len(),
        content_start: Some(0),
    };
    let compiled = beeldbel::expr::compile(src, Var::ALL, &loc, "check", &mut sink);
    if let Some(c) = compiled {
        thread_local! {
            static ROOT: &'static Root = Box::leak(Box::new(Root::new([
                (Var::Policy, support::embedded().policy.cel_value()),
                (Var::Today, date_to_cel(support::today())),
            ])));
        }
        ROOT.with(|root| {
            let mut b = Bindings::new(root);
            for (var, value) in values() {
                b.insert(*var, value.clone());
            }
            let _ = c.eval(&b);
        });
    }
    support::render_diagnostics(&files, &sink);
});
