/**
 * Proactive notifications: {@code Notifications.send} decides per customer (consent, preferred channel with an
 * address, language, template) and queues one notice per customer per once key; {@code NoticeWorker} sends what is
 * due through {@code Conversations.startOutbound} and the outbox, after quiet hours and within volume limits shared
 * by all nodes; {@code counts} reads each message's delivery status. Admins edit the templates at
 * {@code /desk/admin/notifications}.
 */
package nl.baken.proactive.notice;
