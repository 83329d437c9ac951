/**
 * The WhatsApp Business Cloud API channel: Meta's webhook (subscription check, {@code X-Hub-Signature-256} verified
 * over the raw body before parsing; messages become conversations, statuses become delivery statuses), and outbound
 * messages through the Graph API, free text only within the 24-hour customer-service window and approved templates at
 * any time. Configured under {@code baken.channels.whatsapp.*}.
 */
package nl.baken.channel.whatsapp;
