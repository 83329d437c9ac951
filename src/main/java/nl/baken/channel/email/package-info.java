/**
 * The e-mail channel: fetches a mailbox by IMAP and sends agents' replies by SMTP, threading by Message-ID,
 * In-Reply-To/References and a reply token in the subject. Mail is parsed defensively, its HTML sanitised and the
 * quoted history hidden (the original is kept); attachments are stored and served only to those who may see the
 * conversation; auto-replies, bounces and loops are recorded but never answered.
 */
package nl.baken.channel.email;
