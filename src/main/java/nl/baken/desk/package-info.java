/**
 * The agent desk in the browser: login, and one inbox for the conversations of every channel. Server-rendered; it
 * shows what the conversation, customer and access modules hold and changes nothing behind their backs. Everything a
 * customer wrote is shown as text, never as markup.
 */
package nl.baken.desk;
