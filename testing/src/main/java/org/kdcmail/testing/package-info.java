/** Test support shared by every module's tests; test scope only, never shipped. */
package org.kdcmail.testing;
