/**
 * What LeadBridge takes as text: plain text without control characters ({@link io.leadbridge.text.PlainText}) and
 * e-mail addresses ({@link io.leadbridge.text.EmailAddresses}) — one set of rules for every form, the API and the CSV
 * import. Depends on nothing; every module may use it.
 */
package io.leadbridge.text;
