package nl.baken.channel.email;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.FolderClosedException;
import jakarta.mail.MessagingException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

/** Only failures that come with the mail count towards storing it from its headers; an outage never does. */
class MailboxFetcherTests {

	@Test
	void whatTheDatabaseRefusesInAMailCountsAndAnOutageDoesNot() {
		assertThat(MailboxFetcher.causedByTheMail(new DataIntegrityViolationException("value too long"))).isTrue();
		assertThat(MailboxFetcher.causedByTheMail(new IllegalArgumentException("odd header"))).isTrue();

		assertThat(MailboxFetcher.causedByTheMail(new CannotGetJdbcConnectionException("down"))).isFalse();
		assertThat(MailboxFetcher.causedByTheMail(new CannotCreateTransactionException("down"))).isFalse();
		assertThat(MailboxFetcher.causedByTheMail(new QueryTimeoutException("slow"))).isFalse();
		assertThat(MailboxFetcher.causedByTheMail(new MessagingException("IMAP went away"))).isFalse();
		assertThat(MailboxFetcher.causedByTheMail(new FolderClosedException(null))).isFalse();
	}
}
