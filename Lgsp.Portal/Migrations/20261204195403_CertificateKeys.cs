using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lgsp.Portal.Migrations
{
    /// <inheritdoc />
    public partial class CertificateKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "PublicKeySha256",
                table: "SigningCertificates",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateIndex(
                name: "IX_SigningCertificates_PublicKeySha256",
                table: "SigningCertificates",
                column: "PublicKeySha256");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SigningCertificates_PublicKeySha256",
                table: "SigningCertificates");

            migrationBuilder.DropColumn(
                name: "PublicKeySha256",
                table: "SigningCertificates");
        }
    }
}
