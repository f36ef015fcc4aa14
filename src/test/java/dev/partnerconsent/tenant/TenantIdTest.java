package dev.partnerconsent.tenant;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TenantIdTest {

    @Test
    void aGuidIsOneTenantIdWhateverItsCase() {
        TenantId upper = TenantId.parse(" 72F988BF-86F1-41AF-91AB-2D7CD011DB47 ").orElseThrow();
        assertEquals("72f988bf-86f1-41af-91ab-2d7cd011db47", upper.value());
        assertEquals(new TenantId("72f988bf-86f1-41af-91ab-2d7cd011db47"), upper);
        assertEquals(upper.value(), upper.toString());
        assertTrue(TenantId.isValid("72f988bf-86f1-41af-91ab-2d7cd011db47"));
    }

    @Test
    void anythingElseIsRefused() {
        for (String text : new String[] {null, "", "contoso.onmicrosoft.com", "72f988bf86f141af91ab2d7cd011db47",
                "72f988bf-86f1-41af-91ab-2d7cd011db4", "72f988bf-86f1-41af-91ab-2d7cd011db47/../x", "{72f988bf-86f1-41af-91ab-2d7cd011db47}"}) {
            assertEquals(Optional.empty(), TenantId.parse(text), String.valueOf(text));
            assertFalse(TenantId.isValid(text), String.valueOf(text));
        }
        assertThrows(IllegalArgumentException.class, () -> new TenantId("common"));
        assertThrows(NullPointerException.class, () -> new TenantId(null));
    }
}
