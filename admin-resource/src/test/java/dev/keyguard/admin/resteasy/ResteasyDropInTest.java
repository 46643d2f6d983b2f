package dev.keyguard.admin.resteasy;

import dev.keyguard.admin.contract.DropInContract;

/** The drop-in with the Admin API on RESTEasy. */
class ResteasyDropInTest extends DropInContract {}
