package dev.keyguard.admin.jersey;

import dev.keyguard.admin.contract.DropInContract;

/** The drop-in with the Admin API on Jersey. */
class JerseyDropInTest extends DropInContract {}
