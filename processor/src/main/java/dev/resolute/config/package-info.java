/** Configuration as validated records; a bad value fails at start-up with its key's name. */
package dev.resolute.config;
