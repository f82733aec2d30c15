//! The HTTP client (`beeldbel::net`) against the local HTTPS test server: trust, redirects,
//! limits. The command-line behaviour of remote sources is in `tests/remote.rs`.

mod common;

use std::time::Duration;

use beeldbel::net::{CertProblem, Client, NetError, NetOptions};
use common::https::{CertKind, Route, ServerOptions, TestServer};

fn client(server: &TestServer) -> Client {
    Client::new(&NetOptions {
        ca_file: Some(server.ca_file().to_path_buf()),
        timeout: Duration::from_secs(5),
        max_bytes: 1024,
    })
    .expect("client")
}

#[test]
fn fetches_with_the_test_ca_and_any_status_is_an_answer() {
    let server = TestServer::start();
    server.set("/a.toml", Route::ok("x = 1\n").header("x-test", "yes"));
    let c = client(&server);
    let r = c.get(&server.url("/a.toml")).expect("fetch");
    assert_eq!(r.status, 200);
    assert_eq!(r.body, b"x = 1\n");
    assert_eq!(r.header("x-test"), Some("yes"));
    let r = c.get(&server.url("/missing")).expect("a 404 is an answer");
    assert_eq!(r.status, 404);
}

#[test]
fn tls12_only_server_works() {
    let server = TestServer::with_options(ServerOptions {
        tls12_only: true,
        ..Default::default()
    });
    server.set("/a", Route::ok("ok"));
    assert_eq!(
        client(&server).get(&server.url("/a")).expect("fetch").body,
        b"ok"
    );
}

#[test]
fn without_the_ca_file_the_test_server_is_not_trusted() {
    let server = TestServer::start();
    server.set("/a", Route::ok("ok"));
    let c = Client::new(&NetOptions::default()).expect("client");
    let e = c.get(&server.url("/a")).unwrap_err();
    assert!(
        matches!(
            e,
            NetError::Certificate {
                problem: CertProblem::UnknownIssuer,
                ..
            }
        ),
        "{e:?}"
    );
}

fn cert_error(kind: CertKind) -> NetError {
    let server = TestServer::with_options(ServerOptions {
        cert: kind,
        ..Default::default()
    });
    server.set("/a", Route::ok("ok"));
    client(&server).get(&server.url("/a")).unwrap_err()
}

#[test]
fn bad_certificates_are_refused_with_the_reason() {
    assert!(matches!(
        cert_error(CertKind::Expired),
        NetError::Certificate {
            problem: CertProblem::Expired,
            ..
        }
    ));
    assert!(matches!(
        cert_error(CertKind::SelfSigned),
        NetError::Certificate {
            problem: CertProblem::UnknownIssuer,
            ..
        }
    ));
    assert!(matches!(
        cert_error(CertKind::OtherHost),
        NetError::Certificate {
            problem: CertProblem::WrongHost,
            ..
        }
    ));
}

#[test]
fn redirects_are_followed_over_https_only_and_never_in_a_loop() {
    let server = TestServer::start();
    server.set("/old", Route::redirect("/new"));
    server.set("/new", Route::ok("moved"));
    server.set("/to-http", Route::redirect("http://127.0.0.1:1/x"));
    server.set("/loop-a", Route::redirect("/loop-b"));
    server.set("/loop-b", Route::redirect("/loop-a"));
    for i in 0..7 {
        server.set(
            &format!("/chain{i}"),
            Route::redirect(&format!("/chain{}", i + 1)),
        );
    }
    server.set("/chain7", Route::ok("end"));
    let c = client(&server);
    let r = c.get(&server.url("/old")).expect("redirect");
    assert_eq!(r.body, b"moved");
    assert_eq!(r.url, server.url("/new"));
    assert!(matches!(
        c.get(&server.url("/to-http")).unwrap_err(),
        NetError::RedirectNotHttps { .. }
    ));
    assert!(matches!(
        c.get(&server.url("/loop-a")).unwrap_err(),
        NetError::RedirectLoop { .. }
    ));
    assert!(matches!(
        c.get(&server.url("/chain0")).unwrap_err(),
        NetError::TooManyRedirects { .. }
    ));
    assert!(matches!(
        c.get("http://127.0.0.1:1/x").unwrap_err(),
        NetError::NotHttps { .. }
    ));
}

#[test]
fn size_limit_holds_with_and_without_content_length() {
    let server = TestServer::start();
    server.set("/big", Route::ok(vec![b'a'; 5000]));
    server.set("/big-unsized", Route::ok(vec![b'a'; 5000]).unsized_body());
    server.set("/exact", Route::ok(vec![b'a'; 1024]).unsized_body());
    let c = client(&server);
    assert!(matches!(
        c.get(&server.url("/big")).unwrap_err(),
        NetError::TooLarge { limit: 1024, .. }
    ));
    assert!(matches!(
        c.get(&server.url("/big-unsized")).unwrap_err(),
        NetError::TooLarge { .. }
    ));
    assert_eq!(
        c.get(&server.url("/exact"))
            .expect("at the limit")
            .body
            .len(),
        1024
    );
}

#[test]
fn slow_server_hits_the_time_limit() {
    let server = TestServer::start();
    server.set("/slow", Route::ok("late").delay(Duration::from_secs(3)));
    let c = Client::new(&NetOptions {
        ca_file: Some(server.ca_file().to_path_buf()),
        timeout: Duration::from_millis(400),
        max_bytes: 1024,
    })
    .expect("client");
    let start = std::time::Instant::now();
    let e = c.get(&server.url("/slow")).unwrap_err();
    assert!(matches!(e, NetError::Timeout { .. }), "{e:?}");
    assert!(start.elapsed() < Duration::from_secs(2));
}

#[test]
fn a_bad_ca_file_is_an_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("ca.pem");
    std::fs::write(&p, "no pem here").unwrap();
    let e = Client::new(&NetOptions {
        ca_file: Some(p.clone()),
        ..Default::default()
    })
    .err()
    .expect("error");
    assert!(matches!(e, NetError::CaFile { .. }));
    assert!(e.to_string().contains("ca.pem"));
}
