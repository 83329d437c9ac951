/**
 * The demo organisation: on first start with an empty database (with {@code baken.demo.enabled}, by default on for the
 * embedded H2 database only) it seeds a Dutch home-and-garden webshop with two brands, its teams, agents and contact
 * reasons, the documented API token {@code baken-demo-token}, and about four hundred conversations of the last sixty
 * days on e-mail, WhatsApp, web chat and phone, plus (in {@code DemoHistory}) bot conversations, callbacks and the
 * agents' presence over the same days. Everything goes through the other modules' public APIs, with past timestamps,
 * so the desk, the KPIs and planning show what the real code records. The same seed gives the same demo, shifted to
 * the current date. Stand-ins for the outside world run on loopback while the demo does: the shop's system and, unless
 * one is configured, a mail server, so the demo's actions and messages really go out.
 */
package nl.baken.demo;
