/**
 * Routing sends each contact to the right agent the first time: skills with levels, language, brand and channel
 * derived from what is known of the contact (queue, contact reason, topic, IVR option), priority from urgency,
 * customer segment and waiting time, agents' presence and capacity across channels, repeat contacts back to the agent
 * who handled the customer before, and callbacks as routed work that keeps its promise. Phone menus (IVR) are
 * stored here per brand and number, served to the IVR, and measured by how often each option's callers were
 * transferred afterwards. It listens to the
 * conversation module's events and assigns through its API; work that one node may take is claimed with conditional
 * updates in the shared database, so any number of nodes can route together.
 */
package nl.baken.routing;
